package io.llmops.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalRunResult;
import io.llmops.evaluation.Score;
import io.llmops.eval.bias.AxisResult;
import io.llmops.eval.bias.BbqProbe;
import io.llmops.eval.compare.MetricDelta;

/**
 * Renders an {@link EvalReport} as JSON: runs with per-metric means and per-case scores, the comparison with
 * intervals, and bias results. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonReport() {}

  /**
   * Renders the report.
   *
   * @param report the report
   * @return pretty-printed JSON
   */
  public static String render(EvalReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("title", report.title());
    ArrayNode runs = root.putArray("runs");
    for (EvalRunResult r : report.runs()) {
      ObjectNode o = runs.addObject();
      o.put("runId", r.runId()).put("dataset", r.datasetName()).put("datasetVersion", r.datasetVersion());
      ObjectNode means = o.putObject("means");
      r.means().forEach(means::put);
      ArrayNode cases = o.putArray("cases");
      for (CaseResult c : r.cases()) {
        ObjectNode co = cases.addObject().put("id", c.caseId());
        if (c.failed()) {
          co.put("error", c.error());
        }
        if (c.output() != null) {
          co.put("output", c.output().text());
        }
        ObjectNode scores = co.putObject("scores");
        for (Score s : c.scores()) {
          scores.putObject(s.metric()).put("value", s.value()).put("passed", s.passed()).put("reason", s.reason());
        }
      }
    }
    if (report.comparison() != null) {
      ObjectNode cmp = root.putObject("comparison");
      cmp.put("baseline", report.comparison().baselineRunId()).put("candidate",
          report.comparison().candidateRunId());
      ArrayNode ds = cmp.putArray("deltas");
      for (MetricDelta d : report.comparison().deltas()) {
        ds.addObject().put("metric", d.metric()).put("pairs", d.pairs()).put("baseline", d.baseline())
            .put("candidate", d.candidate()).put("delta", d.delta().estimate()).put("ciLow", d.delta().low())
            .put("ciHigh", d.delta().high()).put("level", d.delta().level()).put("pValue", d.pValue());
      }
    }
    ArrayNode cf = root.putArray("counterfactual");
    for (AxisResult a : report.counterfactual()) {
      cf.addObject().put("axis", a.axis()).put("probes", a.probes()).put("meanDifference",
          a.meanDifference().estimate()).put("ciLow", a.meanDifference().low()).put("ciHigh",
          a.meanDifference().high()).put("effectSize", a.effectSize()).put("pValue", a.pValue())
          .put("threshold", a.threshold()).put("flagged", a.flagged());
    }
    ArrayNode bbq = root.putArray("bbq");
    for (BbqProbe.AxisScore s : report.bbq()) {
      bbq.addObject().put("axis", s.axis()).put("items", s.items()).put("accuracyAmbiguous", s.accuracyAmbiguous())
          .put("accuracyDisambiguated", s.accuracyDisambiguated()).put("sDis", s.biasDisambiguated())
          .put("sAmb", s.biasAmbiguous());
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render report JSON", e);
    }
  }
}
