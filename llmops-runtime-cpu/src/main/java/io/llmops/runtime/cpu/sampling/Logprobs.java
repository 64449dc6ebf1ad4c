package io.llmops.runtime.cpu.sampling;

import io.llmops.model.TokenLogprob;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Log-probabilities as the API defines them: log-softmax of the raw logits (before bias, penalties and temperature).
 * Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Logprobs {
  private Logprobs() {}

  /**
   * Returns {@code log(sum(exp(logits)))}, computed stably in double.
   *
   * @param logits the raw logits
   * @return the log-partition
   */
  public static double logSumExp(float[] logits) {
    float max = Float.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l - (double) max);
    }
    return max + Math.log(sum);
  }

  /**
   * Writes the log-softmax of {@code logits} into {@code out}.
   *
   * @param logits the raw logits
   * @param out the destination, same length
   * @return {@code out}
   */
  public static float[] logSoftmax(float[] logits, float[] out) {
    double lse = logSumExp(logits);
    for (int i = 0; i < logits.length; i++) {
      out[i] = (float) (logits[i] - lse);
    }
    return out;
  }

  /**
   * Returns the {@code n} most likely tokens with their log-probabilities, most likely first (ties: lower id first).
   *
   * @param logits the raw logits
   * @param logSumExp {@link #logSumExp(float[])} of them
   * @param n how many, at most the vocabulary size
   * @param text the text of a token id
   * @return the alternatives
   */
  public static List<TokenLogprob> top(float[] logits, double logSumExp, int n, IntFunction<String> text) {
    int k = Math.min(n, logits.length);
    if (k == 0) {
      return List.of();
    }
    long[] keys = new long[logits.length];
    for (int i = 0; i < logits.length; i++) {
      keys[i] = TopN.key(logits[i], i);
    }
    TopN.selectSmallest(keys, keys.length, k);
    Arrays.sort(keys, 0, k);
    List<TokenLogprob> out = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      int id = TopN.id(keys[i]);
      out.add(new TokenLogprob(id, text.apply(id), logits[id] - logSumExp));
    }
    return out;
  }
}
