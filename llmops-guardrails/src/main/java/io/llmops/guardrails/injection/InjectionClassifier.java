package io.llmops.guardrails.injection;

import java.util.List;

/**
 * A statistical prompt-injection classifier, combined with the rules by {@link PromptInjectionDetector}.
 * Implementations are thread-safe and deterministic.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface InjectionClassifier {

  /**
   * Returns the probability that a text is an injection or jailbreak attempt.
   *
   * @param text the text
   * @return a probability in [0, 1]
   */
  double probability(String text);

  /**
   * Returns what made the classifier score a text as it did, safe to log (features, never the text itself), e.g.
   * the n-grams that pushed the score up most.
   *
   * @param text the text
   * @return short evidence strings, strongest first; empty by default
   * @since 0.2.0
   */
  default List<String> explain(String text) {
    return List.of();
  }
}
