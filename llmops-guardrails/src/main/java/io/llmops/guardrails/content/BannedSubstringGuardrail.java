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
 * Banned words and phrases (competitor names, internal code names), matched whatever the case, accents, leetspeak,
 * invisible characters or letter spacing ("C0mp-e-t1tor"). A term matches on word boundaries in the de-obfuscated
 * text, or anywhere in the text with everything but letters and digits removed when the term is at least
 * {@value #SQUASHED_MIN} letters long (shorter terms would match inside innocent words). Findings name the term's
 * index in the list, not the term. Thread-safe.
 *
 * @since 0.1.0
 */
public final class BannedSubstringGuardrail implements InputGuardrail, OutputGuardrail {
  static final int SQUASHED_MIN = 6;
  private final List<String> terms;
  private final List<String> normalized;
  private final GuardrailAction action;

  private BannedSubstringGuardrail(List<String> terms, GuardrailAction action) {
    this.terms = List.copyOf(terms);
    this.normalized = this.terms.stream().map(t -> TextNormalizer.deobfuscate(t).strip()).toList();
    this.action = Objects.requireNonNull(action, "action");
    if (normalized.stream().anyMatch(String::isEmpty)) {
      throw new IllegalArgumentException("banned terms must not be blank");
    }
  }

  /**
   * Returns a rail that blocks texts containing any of the terms.
   *
   * @param terms the banned words or phrases
   * @return the rail
   */
  public static BannedSubstringGuardrail blocking(List<String> terms) {
    return new BannedSubstringGuardrail(terms, GuardrailAction.BLOCK);
  }

  /**
   * Returns a rail with a given action ({@code BLOCK}, {@code REVIEW} or {@code ALLOW}).
   *
   * @param terms the banned words or phrases
   * @param action the action
   * @return the rail
   */
  public static BannedSubstringGuardrail of(List<String> terms, GuardrailAction action) {
    return new BannedSubstringGuardrail(terms, action);
  }

  @Override
  public String name() {
    return "banned_substring";
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    String deob = " " + TextNormalizer.deobfuscate(text) + " ";
    String squashed = deob.replaceAll("[^\\p{L}\\p{N}]", "");
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < normalized.size(); i++) {
      String t = normalized.get(i);
      String tSquashed = t.replaceAll("[^\\p{L}\\p{N}]", "");
      boolean hit = containsWord(deob, t) || (tSquashed.length() >= SQUASHED_MIN && squashed.contains(tSquashed));
      if (hit) {
        findings.add(new Finding("BANNED_SUBSTRING", -1, -1, 1.0, action, "term#" + i));
      }
    }
    return Rails.verdict(name(), action == GuardrailAction.REDACT ? GuardrailAction.BLOCK : action,
        "banned term", findings, null);
  }

  private static boolean containsWord(String haystack, String term) {
    int from = 0;
    while (true) {
      int i = haystack.indexOf(term, from);
      if (i < 0) {
        return false;
      }
      int end = i + term.length();
      if (!Character.isLetterOrDigit(haystack.charAt(i - 1)) && (end >= haystack.length()
          || !Character.isLetterOrDigit(haystack.charAt(end)))) {
        return true;
      }
      from = i + 1;
    }
  }

  @Override
  public String toString() {
    return "BannedSubstringGuardrail{terms=" + terms.size() + ", " + action + '}';
  }
}
