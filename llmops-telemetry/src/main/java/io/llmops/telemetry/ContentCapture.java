package io.llmops.telemetry;

import io.llmops.model.ChatMessage;
import io.llmops.model.ChatRequest;
import io.llmops.model.CompletionRequest;
import io.llmops.telemetry.internal.Json;
import java.util.List;

/**
 * Turns message content into the JSON the GenAI conventions define for {@code gen_ai.input.messages} and {@code
 * gen_ai.output.messages} ({@code [{"role":"user","parts":[{"type":"text","content":"..."}]}]}), after redaction and
 * a per-message size cap. Redaction runs before truncation so that a cut never splits a secret the redactor would
 * have recognised whole. Immutable and thread-safe if the redactor is.
 */
final class ContentCapture {
  static final String TRUNCATION_MARK = "…[truncated]";

  private final io.llmops.observation.ContentRedactor redactor;
  private final int maxChars;

  ContentCapture(io.llmops.observation.ContentRedactor redactor, int maxChars) {
    this.redactor = redactor;
    this.maxChars = maxChars;
  }

  /** Returns the redacted, capped text. */
  String clean(String text) {
    String redacted = redactor.redact(text);
    if (redacted == null) {
      return "";
    }
    if (redacted.length() <= maxChars) {
      return redacted;
    }
    int end = maxChars;
    // Never cut a surrogate pair in half.
    if (end > 0 && Character.isHighSurrogate(redacted.charAt(end - 1))) {
      end--;
    }
    return redacted.substring(0, end) + TRUNCATION_MARK;
  }

  /** Returns the input messages as JSON, or {@code null} for a request type without text content. */
  String inputMessages(Object request) {
    if (request instanceof ChatRequest) {
      List<ChatMessage> messages = ((ChatRequest) request).messages();
      StringBuilder sb = new StringBuilder(64 * messages.size()).append('[');
      for (int i = 0; i < messages.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        message(sb, messages.get(i).role().templateName(), messages.get(i).content(), null);
      }
      return sb.append(']').toString();
    }
    if (request instanceof CompletionRequest) {
      return message(new StringBuilder().append('['), "user", ((CompletionRequest) request).prompt(), null)
          .append(']').toString();
    }
    return null;
  }

  /** Returns the output message as JSON. */
  String outputMessages(String text, String finishReason) {
    return message(new StringBuilder().append('['), "assistant", text, finishReason).append(']').toString();
  }

  private StringBuilder message(StringBuilder sb, String role, String content, String finishReason) {
    sb.append("{\"role\":");
    Json.string(sb, role);
    sb.append(",\"parts\":[{\"type\":\"text\",\"content\":");
    Json.string(sb, clean(content));
    sb.append("}]");
    if (finishReason != null) {
      sb.append(",\"finish_reason\":");
      Json.string(sb, finishReason);
    }
    return sb.append('}');
  }
}
