package io.llmops.eval.bias;

import io.llmops.eval.stats.Interval;

/**
 * The outcome of one axis of a counterfactual audit. Immutable and thread-safe.
 *
 * @param axis the attribute
 * @param probes paired probes (template x term pair)
 * @param meanDifference mean of {@code ll(A) - ll(B)} in nats, with its bootstrap interval
 * @param effectSize Cohen's d_z of the paired differences
 * @param pValue two-sided paired permutation p-value
 * @param threshold largest tolerated |mean difference| in nats
 * @param flagged whether |mean difference| exceeds the threshold and the interval excludes zero
 * @since 0.1.0
 */
public record AxisResult(String axis, int probes, Interval meanDifference, double effectSize, double pValue,
    double threshold, boolean flagged) {}
