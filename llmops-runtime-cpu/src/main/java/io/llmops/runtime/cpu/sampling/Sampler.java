package io.llmops.runtime.cpu.sampling;

import io.llmops.InvalidRequestException;
import io.llmops.model.SamplingParameters;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chooses the next token from raw logits, in the order {@link SamplingParameters} documents (and llama.cpp's default
 * sampler chain uses): logit bias; repetition, frequency and presence penalties over the last {@code penaltyLastN}
 * tokens; then, unless greedy, top-k, top-p, min-p, temperature, and a draw from a {@link SplittableRandom} seeded
 * from the request's seed (so the same seed and request give the same tokens on every JVM).
 *
 * <p>One sampler serves one generation. Not thread-safe. Scratch arrays are reused between calls.
 *
 * @since 0.1.0
 */
public final class Sampler {
  private final SamplingParameters params;
  private final SplittableRandom random;
  private final int[] biasIds;
  private final float[] biasValues;
  private float[] work = new float[0];
  private long[] order = new long[0];
  private double[] probs = new double[0];

  private Sampler(SamplingParameters params, long seed) {
    this.params = params;
    this.random = new SplittableRandom(seed);
    Map<Integer, Double> bias = params.logitBias();
    biasIds = new int[bias.size()];
    biasValues = new float[bias.size()];
    int i = 0;
    for (Map.Entry<Integer, Double> e : bias.entrySet()) {
      biasIds[i] = e.getKey();
      biasValues[i++] = e.getValue().floatValue();
    }
  }

  /**
   * Creates a sampler.
   *
   * @param params the request's parameters
   * @param seed the seed: the request's own, or one the caller drew when the request has none
   * @return the sampler
   */
  public static Sampler create(SamplingParameters params, long seed) {
    return new Sampler(params, seed);
  }

  /**
   * Chooses a token.
   *
   * @param logits the raw logits, one per vocabulary entry; not modified
   * @param history the sequence so far (prompt and generated tokens), for the penalties
   * @param historyLength how many entries of {@code history} are valid
   * @return the token id
   * @throws InvalidRequestException if a logit bias names a token outside the vocabulary, or every token is banned
   */
  public int sample(float[] logits, int[] history, int historyLength) {
    int n = logits.length;
    if (work.length != n) {
      work = new float[n];
    }
    float[] l = work;
    System.arraycopy(logits, 0, l, 0, n);
    for (int i = 0; i < biasIds.length; i++) {
      InvalidRequestException.check(biasIds[i] < n,
          "logit bias names token " + biasIds[i] + " but the vocabulary has " + n + " tokens");
      l[biasIds[i]] += biasValues[i];
    }
    Penalties.apply(l, history, historyLength, params);
    if (params.isGreedy()) {
      int best = argmax(l);
      InvalidRequestException.check(l[best] != Float.NEGATIVE_INFINITY, "every token is banned by the logit bias");
      return best;
    }
    int count = candidates(l);
    InvalidRequestException.check(count > 0, "every token is banned by the logit bias");
    count = topP(l, count);
    count = minP(l, count);
    return draw(l, count);
  }

  /**
   * Returns the index of the largest value, the lowest index among equals.
   *
   * @param values the values
   * @return the index
   */
  public static int argmax(float[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }

  /** Fills {@code order} with the top-k (or all finite) token ids, most likely first; returns how many. */
  private int candidates(float[] l) {
    int k = params.topK() > 0 ? Math.min(params.topK(), l.length) : l.length;
    if (order.length < l.length) {
      order = new long[l.length];
    }
    int count = 0;
    for (int i = 0; i < l.length; i++) {
      if (l[i] != Float.NEGATIVE_INFINITY && !Float.isNaN(l[i])) {
        order[count++] = TopN.key(l[i], i);
      }
    }
    // Ascending keys = descending logits, then ascending ids (ties go to the lower id, as greedy does).
    if (k < count / 4) {
      TopN.selectSmallest(order, count, k);
      Arrays.sort(order, 0, k);
      return k;
    }
    Arrays.sort(order, 0, count);
    return Math.min(k, count);
  }

  private double[] softmax(float[] l, int count, double temperature) {
    if (probs.length < count) {
      probs = new double[Math.max(count, 64)];
    }
    double max = l[TopN.id(order[0])];
    double sum = 0;
    for (int i = 0; i < count; i++) {
      double p = Math.exp((l[TopN.id(order[i])] - max) / temperature);
      probs[i] = p;
      sum += p;
    }
    for (int i = 0; i < count; i++) {
      probs[i] /= sum;
    }
    return probs;
  }

  private int topP(float[] l, int count) {
    if (params.topP() >= 1.0) {
      return count;
    }
    double[] p = softmax(l, count, 1.0);
    double cumulative = 0;
    for (int i = 0; i < count; i++) {
      cumulative += p[i];
      if (cumulative >= params.topP()) {
        return i + 1;
      }
    }
    return count;
  }

  private int minP(float[] l, int count) {
    if (params.minP() <= 0) {
      return count;
    }
    // p_i >= minP * p_max  <=>  logit_i >= logit_max + ln(minP): independent of the normalisation.
    double threshold = l[TopN.id(order[0])] + Math.log(params.minP());
    int keep = 1;
    while (keep < count && l[TopN.id(order[keep])] >= threshold) {
      keep++;
    }
    return keep;
  }

  private int draw(float[] l, int count) {
    double[] p = softmax(l, count, params.temperature());
    double u = random.nextDouble();
    double cumulative = 0;
    for (int i = 0; i < count; i++) {
      cumulative += p[i];
      if (u < cumulative) {
        return TopN.id(order[i]);
      }
    }
    return TopN.id(order[count - 1]);
  }
}
