package io.llmops.model;

import java.util.Arrays;

/**
 * Per-position scores of a token sequence as the model sees it: for each position {@code i >= 1}, the log-probability
 * of token {@code i} given tokens {@code 0..i-1}, and whether it was the model's most likely choice there. The basis
 * of perplexity and of lm-evaluation-harness style log-likelihood metrics. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class TokenScores {
  private final double[] logprobs;
  private final boolean[] greedy;

  /**
   * Creates scores; arrays are copied.
   *
   * @param logprobs natural-log probabilities of tokens 1..n-1
   * @param greedy whether each was the argmax
   * @throws IllegalArgumentException if the lengths differ
   */
  public TokenScores(double[] logprobs, boolean[] greedy) {
    if (logprobs.length != greedy.length) {
      throw new IllegalArgumentException("lengths differ: " + logprobs.length + " vs " + greedy.length);
    }
    this.logprobs = logprobs.clone();
    this.greedy = greedy.clone();
  }

  /**
   * Returns the number of scored positions (tokens minus one).
   *
   * @return the count
   */
  public int size() {
    return logprobs.length;
  }

  /**
   * Returns the log-probability of token {@code i + 1} given the tokens before it.
   *
   * @param i position, 0-based among scored positions
   * @return natural-log probability
   */
  public double logprob(int i) {
    return logprobs[i];
  }

  /**
   * Returns whether token {@code i + 1} was the most likely token at its position.
   *
   * @param i position, 0-based among scored positions
   * @return {@code true} if it was the argmax
   */
  public boolean isGreedy(int i) {
    return greedy[i];
  }

  /**
   * Sums log-probabilities over a range of scored positions.
   *
   * @param from first position, inclusive
   * @param to last position, exclusive
   * @return the sum
   */
  public double sum(int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += logprobs[i];
    }
    return s;
  }

  /**
   * Returns whether every position in a range was greedy.
   *
   * @param from first position, inclusive
   * @param to last position, exclusive
   * @return {@code true} if all were argmax
   */
  public boolean allGreedy(int from, int to) {
    for (int i = from; i < to; i++) {
      if (!greedy[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "TokenScores" + Arrays.toString(logprobs);
  }
}
