package io.llmops.guardrails.content;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import io.llmops.guardrail.OutputGuardrail;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Restricts the language of a text, detected by Apache OpenNLP's language detector (103 languages; see {@link
 * OpenNlpLanguageDetector}). Short texts fall back to a script and stop-word detector ({@link
 * StopWordLanguageDetector}): under {@value #MIN_LETTERS} letters OpenNLP's character n-grams are too few to decide
 * ("ok thanks" comes out as Min Nan, "Bonjour" as Malagasy), whereas the writing system or two function words are
 * reliable, and a text too short for either is not judged ({@code "und"}, which passes).
 *
 * <p>Cost: the first detection loads the 10 MB model (about a second). Each detection then reads at most 385 chars
 * (head and tail of a long text), about 1 ms on one core; this rail is not meant for the sub-millisecond rules-only
 * input pipeline. Thread-safe.
 *
 * @since 0.1.0
 */
public final class LanguageGuardrail implements InputGuardrail, OutputGuardrail {
  /** Texts with fewer letters than this are judged by the stop-word detector, not OpenNLP. */
  public static final int MIN_LETTERS = 20;

  private final Set<String> allowed;
  private final GuardrailAction action;

  private LanguageGuardrail(Set<String> allowed, GuardrailAction action) {
    this.allowed = Set.copyOf(allowed);
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * Creates the rail.
   *
   * @param allowed ISO 639-1 codes allowed, e.g. {@code Set.of("en", "fr")}
   * @param action what to do with other languages ({@code BLOCK}, {@code REVIEW}, {@code ALLOW})
   * @return the rail
   */
  public static LanguageGuardrail allowing(Set<String> allowed, GuardrailAction action) {
    return new LanguageGuardrail(allowed, action);
  }

  @Override
  public String name() {
    return "language";
  }

  @Override
  public boolean checksPartialText() {
    return false;
  }

  /**
   * Detects the language of a text: OpenNLP from {@value #MIN_LETTERS} letters on, the script and stop-word
   * detector below that.
   *
   * @param text the text
   * @return an ISO 639-1 code (ISO 639-3 for languages without one, e.g. {@code "ceb"}), or {@code "und"} when
   *     undetermined
   * @throws io.llmops.ModelLoadException if the OpenNLP model cannot be loaded
   */
  public static String detect(String text) {
    Objects.requireNonNull(text, "text");
    return letters(text) < MIN_LETTERS ? StopWordLanguageDetector.detect(text) : OpenNlpLanguageDetector.detect(text);
  }

  private static int letters(String text) {
    int n = 0;
    for (int i = 0; i < text.length() && n < MIN_LETTERS; i++) {
      if (Character.isLetter(text.charAt(i)) || Character.isHighSurrogate(text.charAt(i))) {
        n++;
      }
    }
    return n;
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    String lang = detect(text);
    if (lang.equals("und") || allowed.contains(lang)) {
      return GuardrailResult.pass(name());
    }
    GuardrailAction a = action == GuardrailAction.REDACT ? GuardrailAction.BLOCK : action;
    return Rails.verdict(name(), a, "language not allowed: " + lang,
        List.of(new Finding("LANGUAGE", -1, -1, 0.8, a, "language=" + lang)), null);
  }

  @Override
  public String toString() {
    return "LanguageGuardrail{allowed=" + allowed + '}';
  }
}
