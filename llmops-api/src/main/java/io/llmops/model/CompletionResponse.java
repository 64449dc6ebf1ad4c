package io.llmops.model;

import java.util.List;
import java.util.Objects;

/**
 * The result of a generation: the text, why it ended, token counts, the generated tokens (with log-probabilities
 * when asked) and the engine's own measurements. A {@link ChatResponse} wraps one.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class CompletionResponse {
  private final String id;
  private final String model;
  private final String text;
  private final FinishReason finishReason;
  private final TokenUsage usage;
  private final List<GeneratedToken> tokens;
  private final GenerationStats stats;

  private CompletionResponse(Builder b) {
    id = Objects.requireNonNull(b.id, "id");
    model = Objects.requireNonNull(b.model, "model");
    text = Objects.requireNonNull(b.text, "text");
    finishReason = Objects.requireNonNull(b.finishReason, "finishReason");
    usage = Objects.requireNonNull(b.usage, "usage");
    tokens = List.copyOf(b.tokens);
    stats = Objects.requireNonNull(b.stats, "stats");
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these values (e.g. for a guardrail that rewrites the text).
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return builder().id(id).model(model).text(text).finishReason(finishReason).usage(usage).tokens(tokens)
        .stats(stats);
  }

  /**
   * Returns the unique id of this response; feedback and reviews refer to it.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the name of the model that answered.
   *
   * @return the model name
   */
  public String model() {
    return model;
  }

  /**
   * Returns the generated text (stop sequences excluded).
   *
   * @return the text
   */
  public String text() {
    return text;
  }

  /**
   * Returns why generation ended.
   *
   * @return the reason
   */
  public FinishReason finishReason() {
    return finishReason;
  }

  /**
   * Returns the token counts.
   *
   * @return the usage
   */
  public TokenUsage usage() {
    return usage;
  }

  /**
   * Returns the generated tokens in order.
   *
   * @return an immutable list
   */
  public List<GeneratedToken> tokens() {
    return tokens;
  }

  /**
   * Returns what the engine measured.
   *
   * @return the stats, {@link GenerationStats#empty()} when none
   */
  public GenerationStats stats() {
    return stats;
  }

  @Override
  public String toString() {
    return "CompletionResponse{id=" + id + ", model=" + model + ", finishReason=" + finishReason + ", usage=" + usage
        + '}';
  }

  /**
   * Builds {@link CompletionResponse}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String id;
    private String model = "";
    private String text = "";
    private FinishReason finishReason = FinishReason.STOP;
    private TokenUsage usage = new TokenUsage(0, 0);
    private List<GeneratedToken> tokens = List.of();
    private GenerationStats stats = GenerationStats.empty();

    private Builder() {}

    /**
     * Sets the response id.
     *
     * @param id a unique id
     * @return this builder
     */
    public Builder id(String id) {
      this.id = id;
      return this;
    }

    /**
     * Sets the model name.
     *
     * @param model the name
     * @return this builder
     */
    public Builder model(String model) {
      this.model = model;
      return this;
    }

    /**
     * Sets the text.
     *
     * @param text the generated text
     * @return this builder
     */
    public Builder text(String text) {
      this.text = text;
      return this;
    }

    /**
     * Sets the finish reason.
     *
     * @param finishReason the reason
     * @return this builder
     */
    public Builder finishReason(FinishReason finishReason) {
      this.finishReason = finishReason;
      return this;
    }

    /**
     * Sets the usage.
     *
     * @param usage token counts
     * @return this builder
     */
    public Builder usage(TokenUsage usage) {
      this.usage = usage;
      return this;
    }

    /**
     * Sets the generated tokens.
     *
     * @param tokens in order
     * @return this builder
     */
    public Builder tokens(List<GeneratedToken> tokens) {
      this.tokens = List.copyOf(tokens);
      return this;
    }

    /**
     * Sets the engine stats.
     *
     * @param stats the stats
     * @return this builder
     */
    public Builder stats(GenerationStats stats) {
      this.stats = stats;
      return this;
    }

    /**
     * Builds.
     *
     * @return the response
     * @throws NullPointerException if the id was not set
     */
    public CompletionResponse build() {
      return new CompletionResponse(this);
    }
  }
}
