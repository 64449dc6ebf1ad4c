/**
 * Evaluation interfaces: an {@link io.llmops.evaluation.EvalCase} and an {@link io.llmops.evaluation.EvalDataset} of
 * them, a {@link io.llmops.evaluation.Scorer} that turns a case and an {@link io.llmops.evaluation.EvalOutput} into a
 * {@link io.llmops.evaluation.Score}, an {@link io.llmops.evaluation.Evaluator} that runs a dataset, and its {@link
 * io.llmops.evaluation.EvalRunResult}. Runners, metrics, stores and reports live in {@code llmops-eval}.
 */
package io.llmops.evaluation;
