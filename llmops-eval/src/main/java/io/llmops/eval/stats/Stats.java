package io.llmops.eval.stats;

import io.llmops.InvalidRequestException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Resampling statistics with explicit seeds, so every interval and p-value is reproducible. Stateless and
 * thread-safe.
 *
 * <ul>
 *   <li>{@link #pairedBootstrap}: percentile bootstrap of the mean paired difference {@code b - a} (Efron &amp;
 *       Tibshirani 1993; the paired design of Koehn 2004 for MT evaluation).
 *   <li>{@link #bootstrapMean}: percentile bootstrap of a mean.
 *   <li>{@link #pairedPermutation}: two-sided sign-flip permutation test of the mean paired difference, with the
 *       {@code (count + 1) / (n + 1)} estimate so the p-value is never 0.
 *   <li>{@link #cohensD} (pooled standard deviation, two groups) and {@link #cohensDz} (mean difference over the
 *       standard deviation of differences, paired).
 * </ul>
 *
 * @since 0.1.0
 */
public final class Stats {
  private Stats() {}

  /**
   * Returns the mean.
   *
   * @param x the values, non-empty
   * @return the mean
   */
  public static double mean(double[] x) {
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /**
   * Returns the sample standard deviation (n - 1).
   *
   * @param x the values, at least 2
   * @return the standard deviation
   */
  public static double sd(double[] x) {
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.length - 1));
  }

  /**
   * Bootstraps the mean of {@code b[i] - a[i]}.
   *
   * @param a baseline values
   * @param b candidate values, paired with {@code a}
   * @param resamples bootstrap resamples, e.g. 2000
   * @param level confidence level in (0, 1)
   * @param seed the random seed
   * @return the mean difference and its percentile interval
   * @throws InvalidRequestException if the arrays are empty or of different lengths
   */
  public static Interval pairedBootstrap(double[] a, double[] b, int resamples, double level, long seed) {
    InvalidRequestException.check(a.length == b.length && a.length > 0,
        "paired samples need equal, non-zero lengths: " + a.length + " vs " + b.length);
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = b[i] - a[i];
    }
    return bootstrapMean(d, resamples, level, seed);
  }

  /**
   * Bootstraps a mean.
   *
   * @param x the values, non-empty
   * @param resamples bootstrap resamples
   * @param level confidence level in (0, 1)
   * @param seed the random seed
   * @return the mean and its percentile interval
   * @throws InvalidRequestException if {@code x} is empty or the settings are out of range
   */
  public static Interval bootstrapMean(double[] x, int resamples, double level, long seed) {
    InvalidRequestException.check(x.length > 0, "bootstrap needs at least one value");
    InvalidRequestException.check(resamples >= 100, "bootstrap needs >= 100 resamples: " + resamples);
    InvalidRequestException.check(level > 0 && level < 1, "confidence level must be in (0, 1): " + level);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] means = new double[resamples];
    int n = x.length;
    for (int r = 0; r < resamples; r++) {
      double s = 0;
      for (int i = 0; i < n; i++) {
        s += x[rnd.nextInt(n)];
      }
      means[r] = s / n;
    }
    Arrays.sort(means);
    double alpha = (1 - level) / 2;
    return new Interval(mean(x), quantile(means, alpha), quantile(means, 1 - alpha), level);
  }

  /**
   * Two-sided paired permutation (sign-flip) test of the mean of {@code b - a}.
   *
   * @param a baseline values
   * @param b candidate values, paired
   * @param permutations random sign assignments, e.g. 10000
   * @param seed the random seed
   * @return the p-value in (0, 1]
   * @throws InvalidRequestException if the arrays are empty or of different lengths
   */
  public static double pairedPermutation(double[] a, double[] b, int permutations, long seed) {
    InvalidRequestException.check(a.length == b.length && a.length > 0,
        "paired samples need equal, non-zero lengths: " + a.length + " vs " + b.length);
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = b[i] - a[i];
    }
    double observed = Math.abs(mean(d));
    SplittableRandom rnd = new SplittableRandom(seed);
    int extreme = 0;
    for (int p = 0; p < permutations; p++) {
      double s = 0;
      for (double v : d) {
        s += rnd.nextBoolean() ? v : -v;
      }
      if (Math.abs(s / d.length) >= observed - 1e-12) {
        extreme++;
      }
    }
    return (extreme + 1.0) / (permutations + 1.0);
  }

  /**
   * Returns Cohen's d of two independent groups with the pooled standard deviation: {@code (mean(b) - mean(a)) /
   * s_pooled}; 0 when both groups are constant and equal.
   *
   * @param a one group, at least 2 values
   * @param b the other, at least 2 values
   * @return the effect size
   */
  public static double cohensD(double[] a, double[] b) {
    double va = Math.pow(sd(a), 2);
    double vb = Math.pow(sd(b), 2);
    double pooled = Math.sqrt(((a.length - 1) * va + (b.length - 1) * vb) / (a.length + b.length - 2));
    double diff = mean(b) - mean(a);
    return pooled == 0 ? (diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff)) : diff / pooled;
  }

  /**
   * Returns Cohen's d_z of paired values: mean of {@code b - a} over the standard deviation of the differences.
   *
   * @param a baseline, at least 2 values
   * @param b paired values
   * @return the effect size; infinite when every difference is the same non-zero value
   */
  public static double cohensDz(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = b[i] - a[i];
    }
    double sd = sd(d);
    double m = mean(d);
    return sd == 0 ? (m == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, m)) : m / sd;
  }

  /** Linear-interpolation quantile (type 7) of sorted values. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
