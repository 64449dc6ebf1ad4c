package io.llmops.model;

/**
 * The log-likelihood of a continuation given a context, as lm-evaluation-harness's {@code loglikelihood} request
 * defines it. Immutable and thread-safe.
 *
 * @param logprob sum of the continuation tokens' natural-log probabilities
 * @param tokens number of continuation tokens
 * @param greedy whether every continuation token was the model's argmax
 * @since 0.1.0
 */
public record Loglikelihood(double logprob, int tokens, boolean greedy) {}
