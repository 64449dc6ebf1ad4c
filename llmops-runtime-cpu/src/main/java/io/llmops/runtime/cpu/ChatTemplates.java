package io.llmops.runtime.cpu;

import io.llmops.model.ChatMessage;
import io.llmops.prompt.ChatTemplate;
import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.tokenizer.GgufTokenizer;
import java.util.List;
import java.util.Locale;

/**
 * Picks a model's chat template. TEMPORARY: until cpu-io's {@code template} package (the GGUF {@code
 * tokenizer.chat_template} rendered with Jinja, plus built-in Llama 3 / Mistral fallbacks) is merged, every model
 * gets ChatML, which is also what llama.cpp falls back to for models without a template (such as stories260K).
 */
final class ChatTemplates {
  private ChatTemplates() {}

  static ChatTemplate forModel(GgufFile gguf, GgufTokenizer tokenizer) {
    return new ChatTemplate() {
      @Override
      public String name() {
        return "chatml";
      }

      @Override
      public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
          sb.append("<|im_start|>").append(m.role().name().toLowerCase(Locale.ROOT)).append('\n')
              .append(m.content()).append("<|im_end|>\n");
        }
        if (addGenerationPrompt) {
          sb.append("<|im_start|>assistant\n");
        }
        return sb.toString();
      }
    };
  }
}
