/**
 * Evaluation: datasets in JSONL, deterministic and model-based metrics, log-likelihood metrics from in-process logits, a resumable runner, a JDBC run store, run comparison with regression gates, bias and fairness audits, and reports.
 */
package io.llmops.eval;
