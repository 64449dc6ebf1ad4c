package io.llmops.guardrails.injection;

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
}
