package io.llmops.samples.telemetry;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A deliberately simple input guardrail for the sample: flags each whole-word, case-insensitive occurrence of one
 * word for review and lets the text through. Its findings carry the position and the rule name, never the word.
 * Immutable and thread-safe.
 */
public final class WordGuardrail implements InputGuardrail {
  private final String word;

  /**
   * Creates the guardrail.
   *
   * @param word the word to flag, not blank
   * @throws IllegalArgumentException if the word is blank
   */
  public WordGuardrail(String word) {
    if (Objects.requireNonNull(word, "word").isBlank()) {
      throw new IllegalArgumentException("the word to flag is blank");
    }
    this.word = word.toLowerCase(Locale.ROOT);
  }

  @Override
  public String name() {
    return "word-list";
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    String lower = text.toLowerCase(Locale.ROOT);
    List<Finding> findings = new ArrayList<>();
    for (int i = lower.indexOf(word); i >= 0; i = lower.indexOf(word, i + 1)) {
      int end = i + word.length();
      boolean whole = (i == 0 || !Character.isLetterOrDigit(lower.charAt(i - 1)))
          && (end == lower.length() || !Character.isLetterOrDigit(lower.charAt(end)));
      if (whole) {
        findings.add(new Finding("FLAGGED_WORD", i, end, 1.0, GuardrailAction.REVIEW, "word-list"));
      }
    }
    return GuardrailResult.pass(name(), findings);
  }

  @Override
  public String toString() {
    return "WordGuardrail{" + name() + '}';
  }
}
