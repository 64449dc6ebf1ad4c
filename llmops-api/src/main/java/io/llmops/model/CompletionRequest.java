package io.llmops.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A raw text-completion call: the prompt is tokenized as is (no chat template), with the model's beginning-of-sequence
 * token added unless {@link #addSpecialTokens()} is false.
 *
 * <p>Immutable and thread-safe; build with {@link #builder(String)} or modify with {@link #toBuilder()}.
 *
 * @since 0.1.0
 */
public final class CompletionRequest {
  private final String prompt;
  private final SamplingParameters parameters;
  private final boolean addSpecialTokens;
  private final boolean parseSpecialTokens;
  private final Map<String, String> attributes;

  private CompletionRequest(Builder b) {
    this.prompt = b.prompt;
    this.parameters = b.parameters;
    this.addSpecialTokens = b.addSpecialTokens;
    this.parseSpecialTokens = b.parseSpecialTokens;
    this.attributes = Map.copyOf(b.attributes);
  }

  /**
   * Returns a builder for a prompt, with default parameters.
   *
   * @param prompt the text to continue
   * @return a new builder
   */
  public static Builder builder(String prompt) {
    return new Builder(prompt);
  }

  /**
   * Creates a request with default parameters.
   *
   * @param prompt the text to continue
   * @return the request
   */
  public static CompletionRequest of(String prompt) {
    return builder(prompt).build();
  }

  /**
   * Returns a builder holding these values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(prompt).parameters(parameters).addSpecialTokens(addSpecialTokens)
        .parseSpecialTokens(parseSpecialTokens);
    b.attributes.putAll(attributes);
    return b;
  }

  /**
   * Returns the prompt.
   *
   * @return the text, possibly empty
   */
  public String prompt() {
    return prompt;
  }

  /**
   * Returns the sampling parameters.
   *
   * @return the parameters
   */
  public SamplingParameters parameters() {
    return parameters;
  }

  /**
   * Returns whether the tokenizer adds the model's special prefix (BOS) as llama.cpp does by default.
   *
   * @return {@code true} by default
   */
  public boolean addSpecialTokens() {
    return addSpecialTokens;
  }

  /**
   * Returns whether special-token text in the prompt (e.g. {@code <|eot_id|>}) is parsed as those tokens.
   *
   * @return {@code false} by default
   */
  public boolean parseSpecialTokens() {
    return parseSpecialTokens;
  }

  /**
   * Returns the call's attributes (see {@link ChatRequest#attributes()}).
   *
   * @return an immutable map
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CompletionRequest)) {
      return false;
    }
    CompletionRequest r = (CompletionRequest) o;
    return prompt.equals(r.prompt) && parameters.equals(r.parameters) && addSpecialTokens == r.addSpecialTokens
        && parseSpecialTokens == r.parseSpecialTokens && attributes.equals(r.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prompt, parameters, addSpecialTokens, parseSpecialTokens, attributes);
  }

  @Override
  public String toString() {
    return "CompletionRequest{promptChars=" + prompt.length() + ", parameters=" + parameters + '}';
  }

  /**
   * Builds {@link CompletionRequest}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String prompt;
    private SamplingParameters parameters = SamplingParameters.defaults();
    private boolean addSpecialTokens = true;
    private boolean parseSpecialTokens;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
    }

    /**
     * Sets the prompt.
     *
     * @param prompt the text to continue
     * @return this builder
     */
    public Builder prompt(String prompt) {
      this.prompt = Objects.requireNonNull(prompt, "prompt");
      return this;
    }

    /**
     * Sets the sampling parameters.
     *
     * @param parameters the parameters
     * @return this builder
     */
    public Builder parameters(SamplingParameters parameters) {
      this.parameters = Objects.requireNonNull(parameters, "parameters");
      return this;
    }

    /**
     * Sets whether BOS (and other automatic special tokens) are added.
     *
     * @param addSpecialTokens the flag
     * @return this builder
     */
    public Builder addSpecialTokens(boolean addSpecialTokens) {
      this.addSpecialTokens = addSpecialTokens;
      return this;
    }

    /**
     * Sets whether special-token text in the prompt is parsed.
     *
     * @param parseSpecialTokens the flag
     * @return this builder
     */
    public Builder parseSpecialTokens(boolean parseSpecialTokens) {
      this.parseSpecialTokens = parseSpecialTokens;
      return this;
    }

    /**
     * Sets an attribute.
     *
     * @param key the name
     * @param value the value
     * @return this builder
     */
    public Builder attribute(String key, String value) {
      attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds.
     *
     * @return the request
     */
    public CompletionRequest build() {
      return new CompletionRequest(this);
    }
  }
}
