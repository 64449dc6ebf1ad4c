package io.llmops.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The result of running a dataset: per-case results and per-metric means. Immutable and thread-safe.
 *
 * @param runId the run's id
 * @param datasetName the dataset's name
 * @param datasetVersion the dataset's content hash
 * @param cases per-case results, in dataset order
 * @since 0.1.0
 */
public record EvalRunResult(String runId, String datasetName, String datasetVersion, List<CaseResult> cases) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public EvalRunResult {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(datasetName, "datasetName");
    Objects.requireNonNull(datasetVersion, "datasetVersion");
    cases = List.copyOf(cases);
  }

  /**
   * Returns the mean score of a metric over the cases that have it.
   *
   * @param metric the metric's name
   * @return the mean, empty if no case has it
   */
  public OptionalDouble mean(String metric) {
    return cases.stream().flatMap(c -> c.score(metric).stream()).mapToDouble(Score::value).average();
  }

  /**
   * Returns the mean of every metric, in order of first appearance.
   *
   * @return metric name to mean
   */
  public Map<String, Double> means() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (CaseResult c : cases) {
      for (Score s : c.scores()) {
        out.computeIfAbsent(s.metric(), m -> mean(m).orElse(Double.NaN));
      }
    }
    return out;
  }
}
