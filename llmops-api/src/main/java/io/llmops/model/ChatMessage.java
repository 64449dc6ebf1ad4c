package io.llmops.model;

import java.util.Objects;

/**
 * One message of a conversation. Immutable and thread-safe.
 *
 * @param role who wrote it
 * @param content its text, possibly empty, never {@code null}
 * @since 0.1.0
 */
public record ChatMessage(Role role, String content) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  /**
   * Creates a system message.
   *
   * @param content the text
   * @return the message
   */
  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  /**
   * Creates a user message.
   *
   * @param content the text
   * @return the message
   */
  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  /**
   * Creates an assistant message.
   *
   * @param content the text
   * @return the message
   */
  public static ChatMessage assistant(String content) {
    return new ChatMessage(Role.ASSISTANT, content);
  }

  /**
   * Returns a copy of this message with other content (used by guardrails that redact).
   *
   * @param newContent the new text
   * @return a message with the same role
   */
  public ChatMessage withContent(String newContent) {
    return new ChatMessage(role, newContent);
  }
}
