package io.llmops.guardrails.content;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import io.llmops.guardrail.OutputGuardrail;
import io.llmops.guardrails.internal.TextNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Invisible and garbled text: zero-width, bidi-control and tag characters (which hide instructions from a human
 * reader but not from a model), replacement characters from broken decoding (U+FFFD), and words mixing Latin with
 * Cyrillic or Greek letters (homoglyph spoofing, e.g. a Cyrillic "а" in "pаypal"). With {@code REDACT} invisible
 * characters are stripped; garbling can only be blocked or flagged. Thread-safe.
 *
 * @since 0.1.0
 */
public final class InvisibleTextGuardrail implements InputGuardrail, OutputGuardrail {
  private final GuardrailAction action;

  private InvisibleTextGuardrail(GuardrailAction action) {
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * Returns a rail with a given action.
   *
   * @param action {@code REDACT} strips invisible characters; {@code BLOCK}, {@code REVIEW}, {@code ALLOW}
   * @return the rail
   */
  public static InvisibleTextGuardrail of(GuardrailAction action) {
    return new InvisibleTextGuardrail(action);
  }

  @Override
  public String name() {
    return "invisible_text";
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    List<Finding> findings = new ArrayList<>();
    int invisible = 0;
    int firstInvisible = -1;
    int replacement = 0;
    for (int i = 0; i < text.length(); ) {
      if (text.charAt(i) < 0x80) {
        i++; // printable and control ASCII is neither invisible in this sense nor U+FFFD
        continue;
      }
      int cp = text.codePointAt(i);
      // A lone ZWJ inside emoji sequences or a BOM at the very start is ordinary; anything else counts.
      boolean benign = (cp == 0x200D && i > 0 && Character.isSurrogate(text.charAt(i - 1))) || (cp == 0xFEFF
          && i == 0);
      if (TextNormalizer.isInvisible(cp) && !benign) {
        invisible++;
        if (firstInvisible < 0) {
          firstInvisible = i;
        }
      } else if (cp == 0xFFFD) {
        replacement++;
      }
      i += Character.charCount(cp);
    }
    if (invisible > 0) {
      findings.add(new Finding("INVISIBLE_TEXT", -1, -1, Math.min(1, 0.5 + invisible * 0.1), action,
          "invisible_chars=" + invisible));
    }
    if (replacement > 0 || mixedScriptWords(text) > 0) {
      findings.add(new Finding("GARBLED_TEXT", -1, -1, 0.8,
          action == GuardrailAction.REDACT ? GuardrailAction.REVIEW : action,
          replacement > 0 ? "replacement_chars=" + replacement : "mixed_script_words"));
    }
    String stripped = invisible > 0 ? TextNormalizer.stripInvisible(text) : null;
    if (action == GuardrailAction.REDACT && findings.stream().noneMatch(f -> f.type().equals("GARBLED_TEXT"))) {
      return stripped == null ? GuardrailResult.pass(name()) : GuardrailResult.rewrite(name(), stripped, findings);
    }
    return Rails.verdict(name(), action == GuardrailAction.REDACT ? GuardrailAction.REVIEW : action,
        "invisible or garbled text", findings, stripped);
  }

  /** Counts words mixing Latin letters with Cyrillic or Greek ones. */
  static int mixedScriptWords(String text) {
    // Words are runs of letters (\\p{L}, per UTF-16 char as before); one pass, no split. ASCII letters are Latin,
    // so a word needs a non-ASCII letter to mix scripts: pure-ASCII text costs one cheap loop.
    int n = 0;
    boolean latin = false;
    boolean other = false;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : ' ';
      if (c < 0x80) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
          latin = true;
          continue;
        }
      } else if (Character.isLetter(c)) {
        Character.UnicodeScript s = Character.UnicodeScript.of(c);
        latin |= s == Character.UnicodeScript.LATIN;
        other |= s == Character.UnicodeScript.CYRILLIC || s == Character.UnicodeScript.GREEK;
        continue;
      } else if (Character.isHighSurrogate(c) && Character.isLetter(text.codePointAt(i))
          && Character.charCount(text.codePointAt(i)) == 2) {
        i++; // a supplementary letter belongs to the word (its chars have no script of their own)
        continue;
      }
      if (latin && other) {
        n++;
      }
      latin = false;
      other = false;
    }
    return n;
  }

  @Override
  public String toString() {
    return "InvisibleTextGuardrail{" + action + '}';
  }
}
