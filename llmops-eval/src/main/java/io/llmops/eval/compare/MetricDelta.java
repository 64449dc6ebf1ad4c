package io.llmops.eval.compare;

import io.llmops.eval.stats.Interval;

/**
 * How one metric moved between two runs, over the cases both runs scored. Immutable and thread-safe.
 *
 * @param metric the metric
 * @param pairs cases compared
 * @param baseline mean in the baseline run
 * @param candidate mean in the candidate run
 * @param delta {@code candidate - baseline} with its paired bootstrap interval
 * @param pValue two-sided paired permutation p-value
 * @since 0.1.0
 */
public record MetricDelta(String metric, int pairs, double baseline, double candidate, Interval delta,
    double pValue) {}
