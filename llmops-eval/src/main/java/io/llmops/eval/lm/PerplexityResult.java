package io.llmops.eval.lm;

/**
 * Perplexity over a text. Immutable and thread-safe.
 *
 * @param ppl exp of the mean negative log-likelihood per scored token
 * @param standardError the standard error of {@code ppl}, as llama-perplexity reports it
 *     ({@code ppl * sqrt(var(nll) / (n - 1))})
 * @param meanNll mean negative natural-log likelihood per scored token
 * @param tokens number of scored tokens
 * @param chunks number of windows evaluated
 * @since 0.1.0
 */
public record PerplexityResult(double ppl, double standardError, double meanNll, int tokens, int chunks) {}
