package io.llmops.guardrails.output;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.OutputGuardrail;
import java.util.List;
import java.util.Objects;

/**
 * Bounds an answer's length in characters, words, and reading time (at 238 words per minute, the mean silent
 * reading rate for English non-fiction in Brysbaert's 2019 meta-analysis). Maximums are judged while streaming,
 * minimums only on the whole answer. Thread-safe.
 *
 * @since 0.1.0
 */
public final class LengthGuardrail implements OutputGuardrail {
  /** Words read per minute. */
  public static final double WORDS_PER_MINUTE = 238;
  private final int minChars;
  private final int maxChars;
  private final int maxWords;
  private final double maxReadingSeconds;
  private final GuardrailAction action;

  private LengthGuardrail(int minChars, int maxChars, int maxWords, double maxReadingSeconds,
      GuardrailAction action) {
    if (minChars < 0 || maxChars < minChars || maxWords < 0 || !(maxReadingSeconds >= 0)) {
      throw new IllegalArgumentException("bad length bounds: min=" + minChars + " max=" + maxChars + " words="
          + maxWords + " seconds=" + maxReadingSeconds);
    }
    this.minChars = minChars;
    this.maxChars = maxChars;
    this.maxWords = maxWords;
    this.maxReadingSeconds = maxReadingSeconds;
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * Creates the rail.
   *
   * @param minChars minimum characters (0 for none)
   * @param maxChars maximum characters ({@code Integer.MAX_VALUE} for none)
   * @param maxWords maximum words ({@code Integer.MAX_VALUE} for none)
   * @param maxReadingSeconds maximum reading time ({@code Double.MAX_VALUE} for none)
   * @param action what to do when a bound is broken
   * @return the rail
   * @throws IllegalArgumentException if the bounds are inconsistent
   */
  public static LengthGuardrail of(int minChars, int maxChars, int maxWords, double maxReadingSeconds,
      GuardrailAction action) {
    return new LengthGuardrail(minChars, maxChars, maxWords, maxReadingSeconds, action);
  }

  /**
   * Returns the reading time of a text.
   *
   * @param text the text
   * @return seconds at {@link #WORDS_PER_MINUTE}
   */
  public static double readingSeconds(String text) {
    return words(text) * 60.0 / WORDS_PER_MINUTE;
  }

  static int words(String text) {
    String t = text.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  @Override
  public String name() {
    return "length";
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    String broken = null;
    int w = words(text);
    if (text.length() > maxChars) {
      broken = "chars>" + maxChars;
    } else if (w > maxWords) {
      broken = "words>" + maxWords;
    } else if (readingSeconds(text) > maxReadingSeconds) {
      broken = "reading_seconds>" + maxReadingSeconds;
    } else if (text.strip().length() < minChars && context.direction() == GuardrailContext.Direction.OUTPUT) {
      broken = "chars<" + minChars;
    }
    if (broken == null) {
      return GuardrailResult.pass(name());
    }
    Finding f = new Finding("LENGTH", -1, -1, 1.0, action, broken);
    return action == GuardrailAction.BLOCK || action == GuardrailAction.REDACT
        ? GuardrailResult.fail(name(), "length bound broken: " + broken, List.of(f))
        : GuardrailResult.pass(name(), List.of(f));
  }

  @Override
  public String toString() {
    return "LengthGuardrail{chars=[" + minChars + "," + maxChars + "], words<=" + maxWords + '}';
  }
}
