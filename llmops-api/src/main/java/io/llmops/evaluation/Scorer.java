package io.llmops.evaluation;

/**
 * A metric: scores one output against its case. Implementations are thread-safe (runners call them in parallel) and
 * deterministic unless they say otherwise (an LLM judge records its seed).
 *
 * @since 0.1.0
 */
public interface Scorer {

  /**
   * Returns the metric's name, e.g. {@code "rouge_l"}.
   *
   * @return the name
   */
  String name();

  /**
   * Scores an output.
   *
   * @param testCase the case, with its expected output
   * @param output what the model produced
   * @return the score and its reason
   */
  Score score(EvalCase testCase, EvalOutput output);
}
