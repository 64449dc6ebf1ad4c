package io.llmops.eval.store;

import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalRunResult;
import java.util.List;
import java.util.Objects;

/**
 * A run read back from the store. Immutable and thread-safe.
 *
 * @param info what the run was
 * @param status {@code "running"}, {@code "finished"} or {@code "cancelled"}
 * @param cases the finished cases, in dataset order
 * @since 0.1.0
 */
public record StoredRun(RunInfo info, String status, List<CaseRecord> cases) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public StoredRun {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(status, "status");
    cases = List.copyOf(cases);
  }

  /**
   * Returns the run as the evaluation API's result.
   *
   * @return the result, cases in dataset order
   */
  public EvalRunResult toResult() {
    List<CaseResult> results = cases.stream().map(CaseRecord::result).toList();
    return new EvalRunResult(info.runId(), info.datasetName(), info.datasetVersion(), results);
  }
}
