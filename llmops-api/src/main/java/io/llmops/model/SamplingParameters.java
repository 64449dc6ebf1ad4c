package io.llmops.model;

import static io.llmops.InvalidRequestException.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How the next token is chosen, and when generation stops. The defaults follow llama.cpp's ({@code temperature 0.8,
 * top-k 40, top-p 0.95, min-p 0.05}, no penalties); {@link #greedy()} always takes the most likely token.
 *
 * <p>The sampler applies, in order: logit bias, repetition/frequency/presence penalties over the last {@link
 * #penaltyLastN()} tokens, then (unless greedy) top-k, top-p, min-p and temperature, then draws with a random
 * generator seeded from {@link #seed()}. The same seed and the same request give the same tokens.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()} or modify with {@link #toBuilder()}.
 *
 * @since 0.1.0
 */
public final class SamplingParameters {
  private static final SamplingParameters DEFAULTS = builder().build();
  private static final SamplingParameters GREEDY = builder().temperature(0).build();

  private final double temperature;
  private final int topK;
  private final double topP;
  private final double minP;
  private final double repetitionPenalty;
  private final double frequencyPenalty;
  private final double presencePenalty;
  private final int penaltyLastN;
  private final Long seed;
  private final int maxTokens;
  private final List<String> stopSequences;
  private final Map<Integer, Double> logitBias;
  private final boolean logprobs;
  private final int topLogprobs;

  private SamplingParameters(Builder b) {
    this.temperature = b.temperature;
    this.topK = b.topK;
    this.topP = b.topP;
    this.minP = b.minP;
    this.repetitionPenalty = b.repetitionPenalty;
    this.frequencyPenalty = b.frequencyPenalty;
    this.presencePenalty = b.presencePenalty;
    this.penaltyLastN = b.penaltyLastN;
    this.seed = b.seed;
    this.maxTokens = b.maxTokens;
    this.stopSequences = List.copyOf(b.stopSequences);
    this.logitBias = Map.copyOf(b.logitBias);
    this.logprobs = b.logprobs || b.topLogprobs > 0;
    this.topLogprobs = b.topLogprobs;
  }

  /**
   * Returns llama.cpp's default sampling parameters.
   *
   * @return the shared default instance
   */
  public static SamplingParameters defaults() {
    return DEFAULTS;
  }

  /**
   * Returns parameters that always pick the most likely token (temperature 0).
   *
   * @return the shared greedy instance
   */
  public static SamplingParameters greedy() {
    return GREEDY;
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Returns the softmax temperature; 0 means greedy.
   *
   * @return the temperature, at least 0
   */
  public double temperature() {
    return temperature;
  }

  /**
   * Returns whether sampling is greedy (temperature 0).
   *
   * @return {@code true} when the most likely token is always taken
   */
  public boolean isGreedy() {
    return temperature == 0;
  }

  /**
   * Returns how many of the most likely tokens are kept; 0 keeps all.
   *
   * @return top-k, at least 0
   */
  public int topK() {
    return topK;
  }

  /**
   * Returns the nucleus threshold; 1 keeps all.
   *
   * @return top-p in (0, 1]
   */
  public double topP() {
    return topP;
  }

  /**
   * Returns the minimum probability relative to the most likely token; 0 keeps all.
   *
   * @return min-p in [0, 1]
   */
  public double minP() {
    return minP;
  }

  /**
   * Returns the repetition penalty (divides positive logits, multiplies negative ones, of recent tokens); 1 is off.
   *
   * @return the penalty, greater than 0
   */
  public double repetitionPenalty() {
    return repetitionPenalty;
  }

  /**
   * Returns the frequency penalty (subtracted once per occurrence of a recent token); 0 is off.
   *
   * @return the penalty
   */
  public double frequencyPenalty() {
    return frequencyPenalty;
  }

  /**
   * Returns the presence penalty (subtracted once from every recent token); 0 is off.
   *
   * @return the penalty
   */
  public double presencePenalty() {
    return presencePenalty;
  }

  /**
   * Returns how many of the last tokens (prompt included) the penalties look at.
   *
   * @return the window, at least 0
   */
  public int penaltyLastN() {
    return penaltyLastN;
  }

  /**
   * Returns the random seed, if one was set; without one each call draws a fresh seed.
   *
   * @return the seed
   */
  public OptionalLong seed() {
    return seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
  }

  /**
   * Returns the maximum number of tokens to generate.
   *
   * @return at least 1
   */
  public int maxTokens() {
    return maxTokens;
  }

  /**
   * Returns the texts that end generation when they appear in the output (matched across token boundaries and not
   * included in the output).
   *
   * @return an immutable list, possibly empty
   */
  public List<String> stopSequences() {
    return stopSequences;
  }

  /**
   * Returns values added to the logits of given token ids before sampling ({@code Double.NEGATIVE_INFINITY} bans).
   *
   * @return an immutable map from token id to bias
   */
  public Map<Integer, Double> logitBias() {
    return logitBias;
  }

  /**
   * Returns whether each generated token carries its log-probability.
   *
   * @return {@code true} if log-probabilities are computed
   */
  public boolean logprobs() {
    return logprobs;
  }

  /**
   * Returns how many most-likely alternatives are reported per generated token.
   *
   * @return 0 to 20
   */
  public int topLogprobs() {
    return topLogprobs;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SamplingParameters)) {
      return false;
    }
    SamplingParameters p = (SamplingParameters) o;
    return Double.compare(temperature, p.temperature) == 0 && topK == p.topK && Double.compare(topP, p.topP) == 0
        && Double.compare(minP, p.minP) == 0 && Double.compare(repetitionPenalty, p.repetitionPenalty) == 0
        && Double.compare(frequencyPenalty, p.frequencyPenalty) == 0
        && Double.compare(presencePenalty, p.presencePenalty) == 0 && penaltyLastN == p.penaltyLastN
        && Objects.equals(seed, p.seed) && maxTokens == p.maxTokens && stopSequences.equals(p.stopSequences)
        && logitBias.equals(p.logitBias) && logprobs == p.logprobs && topLogprobs == p.topLogprobs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(temperature, topK, topP, minP, repetitionPenalty, frequencyPenalty, presencePenalty,
        penaltyLastN, seed, maxTokens, stopSequences, logitBias, logprobs, topLogprobs);
  }

  @Override
  public String toString() {
    return "SamplingParameters{temperature=" + temperature + ", topK=" + topK + ", topP=" + topP + ", minP=" + minP
        + ", repetitionPenalty=" + repetitionPenalty + ", frequencyPenalty=" + frequencyPenalty
        + ", presencePenalty=" + presencePenalty + ", penaltyLastN=" + penaltyLastN + ", seed=" + seed
        + ", maxTokens=" + maxTokens + ", stopSequences=" + stopSequences.size() + ", logitBias=" + logitBias.size()
        + ", logprobs=" + logprobs + ", topLogprobs=" + topLogprobs + '}';
  }

  /**
   * Builds {@link SamplingParameters}. Not thread-safe; reusable: {@link #build()} may be called again after changes.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private double temperature = 0.8;
    private int topK = 40;
    private double topP = 0.95;
    private double minP = 0.05;
    private double repetitionPenalty = 1.0;
    private double frequencyPenalty = 0;
    private double presencePenalty = 0;
    private int penaltyLastN = 64;
    private Long seed;
    private int maxTokens = 256;
    private List<String> stopSequences = List.of();
    private final Map<Integer, Double> logitBias = new LinkedHashMap<>();
    private boolean logprobs;
    private int topLogprobs;

    private Builder() {}

    private Builder(SamplingParameters p) {
      temperature = p.temperature;
      topK = p.topK;
      topP = p.topP;
      minP = p.minP;
      repetitionPenalty = p.repetitionPenalty;
      frequencyPenalty = p.frequencyPenalty;
      presencePenalty = p.presencePenalty;
      penaltyLastN = p.penaltyLastN;
      seed = p.seed;
      maxTokens = p.maxTokens;
      stopSequences = p.stopSequences;
      logitBias.putAll(p.logitBias);
      logprobs = p.logprobs;
      topLogprobs = p.topLogprobs;
    }

    /**
     * Sets the temperature; 0 is greedy.
     *
     * @param temperature at least 0
     * @return this builder
     */
    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return this;
    }

    /**
     * Sets top-k; 0 disables it.
     *
     * @param topK at least 0
     * @return this builder
     */
    public Builder topK(int topK) {
      this.topK = topK;
      return this;
    }

    /**
     * Sets top-p; 1 disables it.
     *
     * @param topP in (0, 1]
     * @return this builder
     */
    public Builder topP(double topP) {
      this.topP = topP;
      return this;
    }

    /**
     * Sets min-p; 0 disables it.
     *
     * @param minP in [0, 1]
     * @return this builder
     */
    public Builder minP(double minP) {
      this.minP = minP;
      return this;
    }

    /**
     * Sets the repetition penalty; 1 disables it.
     *
     * @param repetitionPenalty greater than 0
     * @return this builder
     */
    public Builder repetitionPenalty(double repetitionPenalty) {
      this.repetitionPenalty = repetitionPenalty;
      return this;
    }

    /**
     * Sets the frequency penalty; 0 disables it.
     *
     * @param frequencyPenalty in [-2, 2]
     * @return this builder
     */
    public Builder frequencyPenalty(double frequencyPenalty) {
      this.frequencyPenalty = frequencyPenalty;
      return this;
    }

    /**
     * Sets the presence penalty; 0 disables it.
     *
     * @param presencePenalty in [-2, 2]
     * @return this builder
     */
    public Builder presencePenalty(double presencePenalty) {
      this.presencePenalty = presencePenalty;
      return this;
    }

    /**
     * Sets how many recent tokens the penalties consider.
     *
     * @param penaltyLastN at least 0
     * @return this builder
     */
    public Builder penaltyLastN(int penaltyLastN) {
      this.penaltyLastN = penaltyLastN;
      return this;
    }

    /**
     * Sets the random seed.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Removes the seed: each call then draws a fresh one.
     *
     * @return this builder
     */
    public Builder clearSeed() {
      this.seed = null;
      return this;
    }

    /**
     * Sets the maximum number of generated tokens.
     *
     * @param maxTokens at least 1
     * @return this builder
     */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return this;
    }

    /**
     * Sets the stop sequences, replacing earlier ones.
     *
     * @param stopSequences non-empty strings
     * @return this builder
     */
    public Builder stopSequences(List<String> stopSequences) {
      this.stopSequences = List.copyOf(stopSequences);
      return this;
    }

    /**
     * Sets the stop sequences, replacing earlier ones.
     *
     * @param stopSequences non-empty strings
     * @return this builder
     */
    public Builder stopSequences(String... stopSequences) {
      return stopSequences(List.of(stopSequences));
    }

    /**
     * Adds a bias to one token's logit ({@code Double.NEGATIVE_INFINITY} bans the token).
     *
     * @param tokenId the token id, at least 0
     * @param bias the value added to its logit
     * @return this builder
     */
    public Builder logitBias(int tokenId, double bias) {
      this.logitBias.put(tokenId, bias);
      return this;
    }

    /**
     * Replaces all logit biases.
     *
     * @param logitBias token id to bias
     * @return this builder
     */
    public Builder logitBias(Map<Integer, Double> logitBias) {
      this.logitBias.clear();
      this.logitBias.putAll(logitBias);
      return this;
    }

    /**
     * Asks for the log-probability of each generated token.
     *
     * @param logprobs whether to compute them
     * @return this builder
     */
    public Builder logprobs(boolean logprobs) {
      this.logprobs = logprobs;
      return this;
    }

    /**
     * Asks for the most likely alternatives per generated token (implies {@link #logprobs(boolean)}).
     *
     * @param topLogprobs 0 to 20
     * @return this builder
     */
    public Builder topLogprobs(int topLogprobs) {
      this.topLogprobs = topLogprobs;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the parameters
     * @throws io.llmops.InvalidRequestException naming the first parameter out of range
     */
    public SamplingParameters build() {
      check(temperature >= 0 && Double.isFinite(temperature), "temperature must be >= 0 and finite: " + temperature);
      check(topK >= 0, "topK must be >= 0: " + topK);
      check(topP > 0 && topP <= 1, "topP must be in (0, 1]: " + topP);
      check(minP >= 0 && minP <= 1, "minP must be in [0, 1]: " + minP);
      check(repetitionPenalty > 0 && Double.isFinite(repetitionPenalty),
          "repetitionPenalty must be > 0 and finite: " + repetitionPenalty);
      check(frequencyPenalty >= -2 && frequencyPenalty <= 2, "frequencyPenalty must be in [-2, 2]: " + frequencyPenalty);
      check(presencePenalty >= -2 && presencePenalty <= 2, "presencePenalty must be in [-2, 2]: " + presencePenalty);
      check(penaltyLastN >= 0, "penaltyLastN must be >= 0: " + penaltyLastN);
      check(maxTokens >= 1, "maxTokens must be >= 1: " + maxTokens);
      check(topLogprobs >= 0 && topLogprobs <= 20, "topLogprobs must be in [0, 20]: " + topLogprobs);
      for (String s : stopSequences) {
        check(s != null && !s.isEmpty(), "stop sequences must be non-empty strings");
      }
      for (Map.Entry<Integer, Double> e : logitBias.entrySet()) {
        check(e.getKey() != null && e.getKey() >= 0, "logit bias token id must be >= 0: " + e.getKey());
        check(e.getValue() != null && !Double.isNaN(e.getValue()) && e.getValue() != Double.POSITIVE_INFINITY,
            "logit bias for token " + e.getKey() + " must be a number or -Infinity: " + e.getValue());
      }
      return new SamplingParameters(this);
    }
  }
}
