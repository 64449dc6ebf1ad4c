package io.llmops.eval.compare;

import io.llmops.InvalidRequestException;
import io.llmops.evaluation.EvalRunResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Fails a candidate run when a metric got worse by more than its threshold <em>and</em> the bootstrap interval of the
 * change excludes zero (so noise alone never fails the gate). Metrics are higher-is-better unless declared
 * lower-is-better ({@code latency_ms}, {@code tokens}, {@code cost} are by default). Usable from JUnit
 * ({@link #assertNoRegression}, which throws {@link AssertionError}) and from the CLI ({@link #exitCode}). Immutable
 * and thread-safe.
 *
 * @since 0.1.0
 */
public final class RegressionGate {
  private final Map<String, Double> maxDrop;
  private final double defaultMaxDrop;
  private final Set<String> lowerIsBetter;
  private final long seed;

  private RegressionGate(Builder b) {
    maxDrop = Map.copyOf(b.maxDrop);
    defaultMaxDrop = b.defaultMaxDrop;
    lowerIsBetter = Set.copyOf(b.lowerIsBetter);
    seed = b.seed;
  }

  /**
   * Returns a builder: every metric may drop by at most 0.02, seed 42.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A metric that regressed.
   *
   * @param delta the metric's change
   * @param allowed the largest drop allowed
   * @since 0.1.0
   */
  public record Violation(MetricDelta delta, double allowed) {}

  /**
   * The gate's verdict.
   *
   * @param comparison the comparison it judged
   * @param violations the regressions, empty when it passed
   * @since 0.1.0
   */
  public record Verdict(RunComparison comparison, List<Violation> violations) {

    /**
     * Returns whether no metric regressed.
     *
     * @return {@code true} on pass
     */
    public boolean passed() {
      return violations.isEmpty();
    }

    /**
     * Returns a human-readable summary, one line per metric.
     *
     * @return the text
     */
    public String summary() {
      StringBuilder sb = new StringBuilder(passed() ? "PASS" : "FAIL").append(": ")
          .append(comparison.candidateRunId()).append(" vs ").append(comparison.baselineRunId()).append('\n');
      for (MetricDelta d : comparison.deltas()) {
        boolean bad = violations.stream().anyMatch(v -> v.delta().metric().equals(d.metric()));
        sb.append(String.format(Locale.ROOT, "%s %-22s %.4f -> %.4f  delta %+.4f [%+.4f, %+.4f] p=%.4f n=%d%n",
            bad ? "x" : " ", d.metric(), d.baseline(), d.candidate(), d.delta().estimate(), d.delta().low(),
            d.delta().high(), d.pValue(), d.pairs()));
      }
      return sb.toString();
    }
  }

  /**
   * Judges a comparison.
   *
   * @param comparison baseline vs candidate
   * @return the verdict
   */
  public Verdict check(RunComparison comparison) {
    List<Violation> out = new ArrayList<>();
    for (MetricDelta d : comparison.deltas()) {
      double allowed = maxDrop.getOrDefault(d.metric(), defaultMaxDrop);
      boolean lower = lowerIsBetter.contains(d.metric());
      // The drop is the change in the bad direction; the interval must lie wholly on the bad side of zero.
      double drop = lower ? d.delta().estimate() : -d.delta().estimate();
      boolean significant = lower ? d.delta().low() > 0 : d.delta().high() < 0;
      if (drop > allowed && significant) {
        out.add(new Violation(d, allowed));
      }
    }
    return new Verdict(comparison, out);
  }

  /**
   * Compares two runs and judges them.
   *
   * @param baseline the reference run
   * @param candidate the new run
   * @return the verdict
   */
  public Verdict check(EvalRunResult baseline, EvalRunResult candidate) {
    return check(RunComparison.compare(baseline, candidate, seed));
  }

  /**
   * JUnit helper: throws when the candidate regressed.
   *
   * @param baseline the reference run
   * @param candidate the new run
   * @throws AssertionError with the summary, when a metric regressed
   */
  public void assertNoRegression(EvalRunResult baseline, EvalRunResult candidate) {
    Verdict v = check(baseline, candidate);
    if (!v.passed()) {
      throw new AssertionError(v.summary());
    }
  }

  /**
   * CLI helper: prints the summary and returns the process exit code.
   *
   * @param baseline the reference run
   * @param candidate the new run
   * @param out where the summary goes
   * @return 0 when the gate passes, 1 when a metric regressed
   */
  public int exitCode(EvalRunResult baseline, EvalRunResult candidate, PrintStream out) {
    Verdict v = check(baseline, candidate);
    out.print(v.summary());
    return v.passed() ? 0 : 1;
  }

  /**
   * Builds {@link RegressionGate}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<String, Double> maxDrop = new LinkedHashMap<>();
    private double defaultMaxDrop = 0.02;
    private final java.util.Set<String> lowerIsBetter = new java.util.HashSet<>(Set.of("latency_ms", "tokens",
        "cost"));
    private long seed = 42;

    private Builder() {}

    /**
     * Sets the largest allowed drop of one metric.
     *
     * @param metric the metric
     * @param drop at least 0, in the metric's unit
     * @return this builder
     */
    public Builder maxDrop(String metric, double drop) {
      InvalidRequestException.check(drop >= 0, "max drop must be >= 0: " + drop);
      maxDrop.put(Objects.requireNonNull(metric, "metric"), drop);
      return this;
    }

    /**
     * Sets the largest allowed drop of metrics not named.
     *
     * @param drop at least 0
     * @return this builder
     */
    public Builder defaultMaxDrop(double drop) {
      InvalidRequestException.check(drop >= 0, "max drop must be >= 0: " + drop);
      defaultMaxDrop = drop;
      return this;
    }

    /**
     * Declares a metric where lower values are better.
     *
     * @param metric the metric
     * @return this builder
     */
    public Builder lowerIsBetter(String metric) {
      lowerIsBetter.add(Objects.requireNonNull(metric, "metric"));
      return this;
    }

    /**
     * Sets the resampling seed.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Builds.
     *
     * @return the gate
     */
    public RegressionGate build() {
      return new RegressionGate(this);
    }
  }
}
