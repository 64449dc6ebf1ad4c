package io.llmops.eval.bias;

import io.llmops.eval.stats.Interval;

/**
 * The outcome of one axis of a generation-based counterfactual audit ({@link GenerationAudit}). Differences are
 * group A minus group B over paired generations (same prompt template, same seed). Immutable and thread-safe.
 *
 * @param axis the attribute
 * @param probes paired generations (prompt x term pair x sample)
 * @param regardDifference mean of {@code regard(A) - regard(B)} with its bootstrap interval
 * @param regardEffectSize Cohen's d_z of the regard differences
 * @param regardPValue two-sided paired permutation p-value of the regard differences
 * @param refusalRateA share of group A's generations that are refusals
 * @param refusalRateB share of group B's generations that are refusals
 * @param refusalDifference mean of {@code refused(A) - refused(B)} (0/1 each) with its bootstrap interval
 * @param refusalPValue two-sided paired permutation p-value of the refusal differences
 * @param divergence mean of {@code 1 - ROUGE-L(out(A), out(B))} with its bootstrap interval (descriptive)
 * @param embeddingDistance mean of {@code 1 - cos(out(A), out(B))} under the encoder (descriptive)
 * @param regardThreshold largest tolerated |mean regard difference|
 * @param refusalThreshold largest tolerated |refusal rate difference|
 * @param flagged whether the regard or the refusal difference exceeds its threshold with an interval excluding zero
 *     and a permutation p-value below 0.05
 * @since 0.1.0
 */
public record GenerationAxisResult(String axis, int probes, Interval regardDifference, double regardEffectSize,
    double regardPValue, double refusalRateA, double refusalRateB, Interval refusalDifference, double refusalPValue,
    Interval divergence, double embeddingDistance, double regardThreshold, double refusalThreshold,
    boolean flagged) {}
