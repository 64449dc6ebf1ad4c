package io.llmops.evaluation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one case in a run: the output and its scores, or the error that prevented them. Immutable and
 * thread-safe.
 *
 * @param caseId the case's id
 * @param output what the model produced, {@code null} if the call failed
 * @param scores one per metric, empty if the call failed
 * @param error the failure message, {@code null} on success
 * @since 0.1.0
 */
public record CaseResult(String caseId, EvalOutput output, List<Score> scores, String error) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if {@code caseId} is {@code null}
   */
  public CaseResult {
    Objects.requireNonNull(caseId, "caseId");
    scores = List.copyOf(scores);
  }

  /**
   * Returns the score of one metric.
   *
   * @param metric the metric's name
   * @return the score, empty if absent
   */
  public Optional<Score> score(String metric) {
    return scores.stream().filter(s -> s.metric().equals(metric)).findFirst();
  }

  /**
   * Returns whether the call failed.
   *
   * @return {@code true} if there is an error
   */
  public boolean failed() {
    return error != null;
  }
}
