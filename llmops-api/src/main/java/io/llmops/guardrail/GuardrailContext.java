package io.llmops.guardrail;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a checked text comes from: its direction, the conversation it belongs to (guardrails keep per-conversation
 * state such as consistent placeholders under its id), the user's question when checking an answer, and the call's
 * attributes. Immutable and thread-safe; build with {@link #builder(Direction)}.
 *
 * @since 0.1.0
 */
public final class GuardrailContext {

  /**
   * Which way the text flows.
   *
   * @since 0.1.0
   */
  public enum Direction {
    /** Into the model (a prompt). */
    INPUT,
    /** Out of the model (an answer, possibly partial while streaming). */
    OUTPUT
  }

  private final Direction direction;
  private final String conversationId;
  private final String question;
  private final Map<String, String> attributes;

  private GuardrailContext(Builder b) {
    direction = b.direction;
    conversationId = b.conversationId;
    question = b.question;
    attributes = Map.copyOf(b.attributes);
  }

  /**
   * Returns a builder.
   *
   * @param direction input or output
   * @return the builder
   */
  public static Builder builder(Direction direction) {
    return new Builder(direction);
  }

  /**
   * Returns a context for a prompt with no conversation.
   *
   * @return the context
   */
  public static GuardrailContext input() {
    return builder(Direction.INPUT).build();
  }

  /**
   * Returns a context for an answer to a question, with no conversation.
   *
   * @param question the user's question, used by relevance checks
   * @return the context
   */
  public static GuardrailContext output(String question) {
    return builder(Direction.OUTPUT).question(question).build();
  }

  /**
   * Returns the direction.
   *
   * @return input or output
   */
  public Direction direction() {
    return direction;
  }

  /**
   * Returns the conversation id.
   *
   * @return the id, empty when the call belongs to no conversation
   */
  public String conversationId() {
    return conversationId;
  }

  /**
   * Returns the user's question when checking an answer.
   *
   * @return the question, empty when unknown
   */
  public String question() {
    return question;
  }

  /**
   * Returns the call's attributes.
   *
   * @return an immutable map
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  @Override
  public String toString() {
    return "GuardrailContext{" + direction + ", conversation=" + conversationId + '}';
  }

  /**
   * Builds {@link GuardrailContext}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Direction direction;
    private String conversationId = "";
    private String question = "";
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder(Direction direction) {
      this.direction = Objects.requireNonNull(direction, "direction");
    }

    /**
     * Sets the conversation id.
     *
     * @param conversationId the id
     * @return this builder
     */
    public Builder conversationId(String conversationId) {
      this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
      return this;
    }

    /**
     * Sets the user's question.
     *
     * @param question the question
     * @return this builder
     */
    public Builder question(String question) {
      this.question = Objects.requireNonNull(question, "question");
      return this;
    }

    /**
     * Sets the attributes.
     *
     * @param attributes the call's attributes
     * @return this builder
     */
    public Builder attributes(Map<String, String> attributes) {
      this.attributes.clear();
      this.attributes.putAll(attributes);
      return this;
    }

    /**
     * Builds.
     *
     * @return the context
     */
    public GuardrailContext build() {
      return new GuardrailContext(this);
    }
  }
}
