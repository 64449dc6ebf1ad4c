package io.llmops.model;

import static io.llmops.InvalidRequestException.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat call: the conversation so far, the sampling parameters, and free-form attributes that travel with the call
 * to guardrails, listeners and telemetry (e.g. {@code conversation.id}, {@code tenant.id}; never put secrets there).
 *
 * <p>Immutable and thread-safe; build with {@link #builder()} or modify with {@link #toBuilder()}.
 *
 * @since 0.1.0
 */
public final class ChatRequest {
  /** Attribute naming the conversation; guardrails keep per-conversation state (placeholders, vaults) under it. */
  public static final String CONVERSATION_ID = "conversation.id";
  /** Attribute naming the tenant or API key a budget is charged to. */
  public static final String TENANT_ID = "tenant.id";

  private final List<ChatMessage> messages;
  private final SamplingParameters parameters;
  private final Map<String, String> attributes;

  private ChatRequest(Builder b) {
    this.messages = List.copyOf(b.messages);
    this.parameters = b.parameters;
    this.attributes = Map.copyOf(b.attributes);
  }

  /**
   * Returns an empty builder with default sampling parameters.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates a request holding one user message and the default parameters.
   *
   * @param userMessage the user's text
   * @return the request
   */
  public static ChatRequest of(String userMessage) {
    return builder().message(ChatMessage.user(userMessage)).build();
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
   * Returns the conversation, oldest message first.
   *
   * @return an immutable, non-empty list
   */
  public List<ChatMessage> messages() {
    return messages;
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
   * Returns the call's attributes.
   *
   * @return an immutable map
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * Returns one attribute.
   *
   * @param key the attribute name
   * @return its value, or {@code null} when absent
   */
  public String attribute(String key) {
    return attributes.get(key);
  }

  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof ChatRequest && messages.equals(((ChatRequest) o).messages)
        && parameters.equals(((ChatRequest) o).parameters) && attributes.equals(((ChatRequest) o).attributes));
  }

  @Override
  public int hashCode() {
    return Objects.hash(messages, parameters, attributes);
  }

  @Override
  public String toString() {
    // Message text is deliberately left out: it may hold personal data.
    return "ChatRequest{messages=" + messages.size() + ", parameters=" + parameters + ", attributes="
        + attributes.keySet() + '}';
  }

  /**
   * Builds {@link ChatRequest}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<ChatMessage> messages = new ArrayList<>();
    private SamplingParameters parameters = SamplingParameters.defaults();
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder() {}

    private Builder(ChatRequest r) {
      messages.addAll(r.messages);
      parameters = r.parameters;
      attributes.putAll(r.attributes);
    }

    /**
     * Appends a message.
     *
     * @param message the message
     * @return this builder
     */
    public Builder message(ChatMessage message) {
      messages.add(Objects.requireNonNull(message, "message"));
      return this;
    }

    /**
     * Replaces all messages.
     *
     * @param messages the conversation, oldest first
     * @return this builder
     */
    public Builder messages(List<ChatMessage> messages) {
      this.messages.clear();
      messages.forEach(this::message);
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
     * Validates and builds.
     *
     * @return the request
     * @throws io.llmops.InvalidRequestException if there is no message
     */
    public ChatRequest build() {
      check(!messages.isEmpty(), "a chat request needs at least one message");
      return new ChatRequest(this);
    }
  }
}
