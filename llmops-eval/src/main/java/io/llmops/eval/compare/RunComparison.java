package io.llmops.eval.compare;

import io.llmops.InvalidRequestException;
import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalRunResult;
import io.llmops.evaluation.Score;
import io.llmops.eval.stats.Interval;
import io.llmops.eval.stats.Stats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Two runs compared case by case: for each metric both runs have, the mean of each, the paired difference with a
 * seeded bootstrap interval, and a permutation p-value. Cases are paired by id; a case missing or failed in either
 * run is left out. Immutable and thread-safe.
 *
 * @param baselineRunId the baseline run
 * @param candidateRunId the candidate run
 * @param deltas one per metric, in order of first appearance in the baseline
 * @since 0.1.0
 */
public record RunComparison(String baselineRunId, String candidateRunId, List<MetricDelta> deltas) {

  /**
   * Validates and copies.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public RunComparison {
    Objects.requireNonNull(baselineRunId, "baselineRunId");
    Objects.requireNonNull(candidateRunId, "candidateRunId");
    deltas = List.copyOf(deltas);
  }

  /**
   * Compares with 2000 bootstrap resamples at 95% and 10000 permutations.
   *
   * @param baseline the reference run
   * @param candidate the new run
   * @param seed the resampling seed
   * @return the comparison
   * @throws InvalidRequestException if the runs are on different datasets
   */
  public static RunComparison compare(EvalRunResult baseline, EvalRunResult candidate, long seed) {
    return compare(baseline, candidate, 2000, 0.95, seed);
  }

  /**
   * Compares two runs.
   *
   * @param baseline the reference run
   * @param candidate the new run
   * @param resamples bootstrap resamples (the permutation test uses five times as many sign flips)
   * @param level confidence level
   * @param seed the resampling seed
   * @return the comparison
   * @throws InvalidRequestException if the runs are on different datasets
   */
  public static RunComparison compare(EvalRunResult baseline, EvalRunResult candidate, int resamples, double level,
      long seed) {
    InvalidRequestException.check(baseline.datasetName().equals(candidate.datasetName()),
        "runs are on different datasets: " + baseline.datasetName() + " vs " + candidate.datasetName());
    Map<String, CaseResult> byId = new HashMap<>();
    candidate.cases().forEach(c -> byId.put(c.caseId(), c));
    Set<String> metrics = new LinkedHashSet<>();
    baseline.cases().forEach(c -> c.scores().forEach(s -> metrics.add(s.metric())));
    List<MetricDelta> out = new ArrayList<>();
    for (String metric : metrics) {
      List<double[]> pairs = new ArrayList<>();
      for (CaseResult a : baseline.cases()) {
        CaseResult b = byId.get(a.caseId());
        if (b == null || a.failed() || b.failed()) {
          continue;
        }
        Optional<Score> sa = a.score(metric);
        Optional<Score> sb = b.score(metric);
        if (sa.isPresent() && sb.isPresent()) {
          pairs.add(new double[] {sa.get().value(), sb.get().value()});
        }
      }
      if (pairs.isEmpty()) {
        continue;
      }
      double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
      double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
      Interval ci = Stats.pairedBootstrap(x, y, resamples, level, seed);
      double p = Stats.pairedPermutation(x, y, resamples * 5, seed + 1);
      out.add(new MetricDelta(metric, pairs.size(), Stats.mean(x), Stats.mean(y), ci, p));
    }
    return new RunComparison(baseline.runId(), candidate.runId(), out);
  }

  /**
   * Returns one metric's delta.
   *
   * @param metric the metric
   * @return the delta, empty if the runs do not share it
   */
  public Optional<MetricDelta> delta(String metric) {
    return deltas.stream().filter(d -> d.metric().equals(metric)).findFirst();
  }
}
