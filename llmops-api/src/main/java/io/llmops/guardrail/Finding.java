package io.llmops.guardrail;

import java.util.Objects;

/**
 * One thing a guardrail found: its type (e.g. {@code EMAIL}, {@code PROMPT_INJECTION}), where it is in the checked
 * text, how sure the guardrail is, and what it did about it. Never holds the matched text, so findings can go to
 * logs and traces as they are. Immutable and thread-safe.
 *
 * @param type the entity or rule type, upper case
 * @param start start offset in the checked text (UTF-16 chars, inclusive), or -1 when the finding has no span
 * @param end end offset (exclusive), or -1
 * @param score confidence in [0, 1]
 * @param action what was done
 * @param detail a short explanation safe to log (the rule or pattern name), never the matched text; may be empty
 * @since 0.1.0
 */
public record Finding(String type, int start, int end, double score, GuardrailAction action, String detail) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if the span or score is out of range
   */
  public Finding {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(detail, "detail");
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1]: " + score);
    }
    if (start < -1 || end < start || (start == -1) != (end == -1)) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  /**
   * Returns whether the finding points at a span of the text.
   *
   * @return {@code true} if {@link #start()} is at least 0
   */
  public boolean hasSpan() {
    return start >= 0;
  }
}
