package io.llmops.evaluation;

/**
 * Runs a dataset through a model and scores every output. Implementations document their concurrency, determinism
 * and resumption; the default runner is in {@code llmops-eval}.
 *
 * @since 0.1.0
 */
public interface Evaluator {

  /**
   * Runs and scores a dataset.
   *
   * @param dataset the cases
   * @return the run's result
   * @throws io.llmops.LlmOpsException if the run cannot start (a failing case is recorded, not thrown)
   */
  EvalRunResult evaluate(EvalDataset dataset);
}
