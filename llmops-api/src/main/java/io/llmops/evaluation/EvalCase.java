package io.llmops.evaluation;

import io.llmops.model.ChatMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One test case: a prompt (plain input or chat messages), what is expected, and metadata. Immutable and thread-safe;
 * build with {@link #builder(String)}.
 *
 * @since 0.1.0
 */
public final class EvalCase {
  private final String id;
  private final String input;
  private final List<ChatMessage> messages;
  private final String expected;
  private final Map<String, String> metadata;
  private final Set<String> tags;

  private EvalCase(Builder b) {
    id = b.id;
    input = b.input;
    messages = List.copyOf(b.messages);
    expected = b.expected;
    metadata = Map.copyOf(b.metadata);
    tags = Set.copyOf(b.tags);
  }

  /**
   * Returns a builder.
   *
   * @param id a stable id, unique within a dataset
   * @return the builder
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * Returns a builder holding these values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(id).input(input).messages(messages).expected(expected).metadata(metadata);
    tags.forEach(b::tag);
    return b;
  }

  /**
   * Returns the id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * Returns the plain input (for completion-style cases).
   *
   * @return the input, empty if the case uses messages
   */
  public String input() {
    return input;
  }

  /**
   * Returns the chat messages (for chat-style cases).
   *
   * @return an immutable list, empty if the case uses a plain input
   */
  public List<ChatMessage> messages() {
    return messages;
  }

  /**
   * Returns the expected output or reference answer.
   *
   * @return the expected text, empty when the case has none
   */
  public String expected() {
    return expected;
  }

  /**
   * Returns free-form metadata.
   *
   * @return an immutable map
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /**
   * Returns the tags.
   *
   * @return an immutable set
   */
  public Set<String> tags() {
    return tags;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EvalCase)) {
      return false;
    }
    EvalCase c = (EvalCase) o;
    return id.equals(c.id) && input.equals(c.input) && messages.equals(c.messages) && expected.equals(c.expected)
        && metadata.equals(c.metadata) && tags.equals(c.tags);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, input, messages, expected, metadata, tags);
  }

  @Override
  public String toString() {
    return "EvalCase{" + id + '}';
  }

  /**
   * Builds {@link EvalCase}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final String id;
    private String input = "";
    private final List<ChatMessage> messages = new ArrayList<>();
    private String expected = "";
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final Set<String> tags = new LinkedHashSet<>();

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /**
     * Sets the plain input.
     *
     * @param input the prompt
     * @return this builder
     */
    public Builder input(String input) {
      this.input = Objects.requireNonNull(input, "input");
      return this;
    }

    /**
     * Sets the chat messages.
     *
     * @param messages the conversation
     * @return this builder
     */
    public Builder messages(List<ChatMessage> messages) {
      this.messages.clear();
      this.messages.addAll(messages);
      return this;
    }

    /**
     * Sets the expected output.
     *
     * @param expected the reference
     * @return this builder
     */
    public Builder expected(String expected) {
      this.expected = Objects.requireNonNull(expected, "expected");
      return this;
    }

    /**
     * Sets the metadata.
     *
     * @param metadata key-value pairs
     * @return this builder
     */
    public Builder metadata(Map<String, String> metadata) {
      this.metadata.clear();
      this.metadata.putAll(metadata);
      return this;
    }

    /**
     * Adds a tag.
     *
     * @param tag the tag
     * @return this builder
     */
    public Builder tag(String tag) {
      tags.add(Objects.requireNonNull(tag, "tag"));
      return this;
    }

    /**
     * Builds.
     *
     * @return the case
     * @throws io.llmops.InvalidRequestException if the case has neither input nor messages, or both
     */
    public EvalCase build() {
      io.llmops.InvalidRequestException.check(input.isEmpty() != messages.isEmpty(),
          "eval case " + id + " needs exactly one of input or messages");
      return new EvalCase(this);
    }
  }
}
