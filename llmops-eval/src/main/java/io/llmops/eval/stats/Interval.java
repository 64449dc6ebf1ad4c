package io.llmops.eval.stats;

/**
 * A point estimate with a confidence interval. Immutable and thread-safe.
 *
 * @param estimate the statistic on the observed data
 * @param low lower bound
 * @param high upper bound
 * @param level confidence level, e.g. 0.95
 * @since 0.1.0
 */
public record Interval(double estimate, double low, double high, double level) {

  /**
   * Returns whether the interval lies entirely above or below zero.
   *
   * @return {@code true} if zero is outside [low, high]
   */
  public boolean excludesZero() {
    return low > 0 || high < 0;
  }
}
