package io.llmops.guardrails.injection;

import java.util.List;

/**
 * The verdict of a {@link PromptInjectionDetector} on one text: one score, whether it crosses the threshold, and what
 * matched (rule names, never the text). Immutable and thread-safe.
 *
 * @param score the combined score in [0, 1]
 * @param flagged whether {@code score >= threshold}
 * @param ruleScore the score from rules alone
 * @param classifierScore the classifier's probability, or -1 when no classifier is configured
 * @param matchedRules the names of the rules that matched, e.g. {@code instruction_override.en},
 *     {@code encoded.base64>system_prompt_extraction}
 * @param evidence what the classifier saw, safe to log (e.g. {@code ngram:b:your rules}); empty without a classifier
 *     or when the score did not cross the threshold
 * @since 0.1.0
 */
public record InjectionVerdict(double score, boolean flagged, double ruleScore, double classifierScore,
    List<String> matchedRules, List<String> evidence) {

  /**
   * Copies the lists.
   *
   * @throws NullPointerException if a list is {@code null}
   */
  public InjectionVerdict {
    matchedRules = List.copyOf(matchedRules);
    evidence = List.copyOf(evidence);
  }

  /**
   * A verdict without classifier evidence.
   *
   * @param score the combined score in [0, 1]
   * @param flagged whether {@code score >= threshold}
   * @param ruleScore the score from rules alone
   * @param classifierScore the classifier's probability, or -1
   * @param matchedRules the names of the rules that matched
   */
  public InjectionVerdict(double score, boolean flagged, double ruleScore, double classifierScore,
      List<String> matchedRules) {
    this(score, flagged, ruleScore, classifierScore, matchedRules, List.of());
  }

  /**
   * Returns a short explanation safe to log.
   *
   * @return e.g. {@code "score=0.93 rules=[instruction_override.en] classifier=0.97 [ngram:b:your rules]"}
   */
  public String explanation() {
    return String.format(java.util.Locale.ROOT, "score=%.2f rules=%s%s%s", score, matchedRules,
        classifierScore >= 0 ? String.format(java.util.Locale.ROOT, " classifier=%.2f", classifierScore) : "",
        evidence.isEmpty() ? "" : " " + evidence);
  }
}
