/**
 * Metrics as {@link io.llmops.evaluation.Scorer}s: string checks, JSON and JSON Schema, edit distance, BLEU, ROUGE-L,
 * chrF, embedding similarity, an LLM judge, and operational measures (latency, tokens, cost). The reference-based
 * computations are in {@link io.llmops.eval.metrics.TextMetrics}; {@link io.llmops.eval.metrics.Scorers} builds the
 * scorers.
 */
package io.llmops.eval.metrics;
