/** Reading and writing {@link io.llmops.evaluation.EvalDataset}s as JSON Lines. */
package io.llmops.eval.dataset;
