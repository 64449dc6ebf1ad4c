package io.llmops.prompt;

import io.llmops.model.ChatMessage;
import java.util.List;

/**
 * Turns a conversation into the exact text a chat model was trained on (Llama 3 headers, ChatML {@code <|im_start|>},
 * Mistral {@code [INST]}, or the Jinja template stored in a GGUF file). Implementations are immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public interface ChatTemplate {

  /**
   * Returns a short name for this template (e.g. {@code "llama3"}, {@code "chatml"}, {@code "gguf"}).
   *
   * @return the name
   */
  String name();

  /**
   * Renders a conversation.
   *
   * @param messages the conversation, oldest first
   * @param addGenerationPrompt whether to end with the header that opens the assistant's turn
   * @return the prompt text, including special-token text such as BOS where the template writes it
   * @throws io.llmops.InvalidRequestException if the template rejects the conversation (e.g. roles out of order)
   */
  String render(List<ChatMessage> messages, boolean addGenerationPrompt);
}
