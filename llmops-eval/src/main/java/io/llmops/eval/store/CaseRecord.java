package io.llmops.eval.store;

import io.llmops.evaluation.CaseResult;
import java.util.Objects;

/**
 * One finished case as the store keeps it: the result with its scores, the seed it ran with, and what it cost.
 * Immutable and thread-safe.
 *
 * @param index the case's position in the dataset
 * @param seed the seed the case ran with
 * @param result output, scores or error
 * @param latencyNanos wall time of the model call
 * @param inputTokens prompt tokens, 0 when unknown
 * @param outputTokens generated tokens, 0 when unknown
 * @param cost the call's cost in the run's currency unit, 0 when not priced
 * @param finishedAtMillis when it finished, epoch milliseconds
 * @since 0.1.0
 */
public record CaseRecord(int index, long seed, CaseResult result, long latencyNanos, int inputTokens,
    int outputTokens, double cost, long finishedAtMillis) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code result} is {@code null}
   */
  public CaseRecord {
    Objects.requireNonNull(result, "result");
  }

  /**
   * Returns the case id.
   *
   * @return the id
   */
  public String caseId() {
    return result.caseId();
  }
}
