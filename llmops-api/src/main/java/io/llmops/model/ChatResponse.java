package io.llmops.model;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a {@link ChatRequest}: the assistant message and the underlying {@link CompletionResponse} (finish
 * reason, usage, tokens, engine stats). Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ChatResponse {
  private final CompletionResponse completion;
  private final ChatMessage message;

  private ChatResponse(CompletionResponse completion) {
    this.completion = Objects.requireNonNull(completion, "completion");
    this.message = ChatMessage.assistant(completion.text());
  }

  /**
   * Wraps a completion as the assistant's reply.
   *
   * @param completion the generation
   * @return the chat response
   */
  public static ChatResponse of(CompletionResponse completion) {
    return new ChatResponse(completion);
  }

  /**
   * Returns the assistant message.
   *
   * @return the message, role {@link Role#ASSISTANT}
   */
  public ChatMessage message() {
    return message;
  }

  /**
   * Returns the assistant's text.
   *
   * @return the text
   */
  public String text() {
    return completion.text();
  }

  /**
   * Returns the unique id of this response.
   *
   * @return the id
   */
  public String id() {
    return completion.id();
  }

  /**
   * Returns the name of the model that answered.
   *
   * @return the name
   */
  public String model() {
    return completion.model();
  }

  /**
   * Returns why generation ended.
   *
   * @return the reason
   */
  public FinishReason finishReason() {
    return completion.finishReason();
  }

  /**
   * Returns the token counts (prompt tokens include the chat template's).
   *
   * @return the usage
   */
  public TokenUsage usage() {
    return completion.usage();
  }

  /**
   * Returns the generated tokens.
   *
   * @return an immutable list
   */
  public List<GeneratedToken> tokens() {
    return completion.tokens();
  }

  /**
   * Returns what the engine measured.
   *
   * @return the stats
   */
  public GenerationStats stats() {
    return completion.stats();
  }

  /**
   * Returns the underlying completion.
   *
   * @return the completion
   */
  public CompletionResponse completion() {
    return completion;
  }

  @Override
  public String toString() {
    return "ChatResponse{" + completion + '}';
  }
}
