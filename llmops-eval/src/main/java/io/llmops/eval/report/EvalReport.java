package io.llmops.eval.report;

import io.llmops.evaluation.EvalRunResult;
import io.llmops.eval.bias.AxisResult;
import io.llmops.eval.bias.BbqProbe;
import io.llmops.eval.compare.RunComparison;
import java.util.List;
import java.util.Objects;

/**
 * What a report shows: runs, an optional run-vs-run comparison, and optional bias results. Immutable and
 * thread-safe.
 *
 * @param title the report's title
 * @param runs the runs summarised (per-metric means and score distributions)
 * @param comparison baseline vs candidate, or {@code null}
 * @param counterfactual counterfactual audit per axis, possibly empty
 * @param bbq BBQ scores per axis, possibly empty
 * @since 0.1.0
 */
public record EvalReport(String title, List<EvalRunResult> runs, RunComparison comparison,
    List<AxisResult> counterfactual, List<BbqProbe.AxisScore> bbq) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if the title or a list is {@code null}
   */
  public EvalReport {
    Objects.requireNonNull(title, "title");
    runs = List.copyOf(runs);
    counterfactual = List.copyOf(counterfactual);
    bbq = List.copyOf(bbq);
  }
}
