package io.llmops.eval.report;

import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalRunResult;
import io.llmops.evaluation.Score;
import io.llmops.eval.bias.AxisResult;
import io.llmops.eval.bias.BbqProbe;
import io.llmops.eval.compare.MetricDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders an {@link EvalReport} as one self-contained HTML page: inline CSS and inline SVG charts, no scripts and no
 * network resources, so it opens offline and can be attached to a CI run. Sections: per-metric summaries with score
 * histograms, run-vs-run deltas with interval whiskers, bias effect sizes per axis and BBQ scores. Stateless and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class HtmlReport {
  private static final int W = 360;
  private static final int H = 120;

  private HtmlReport() {}

  /**
   * Renders the report.
   *
   * @param report the report
   * @return the HTML document
   */
  public static String render(EvalReport report) {
    StringBuilder sb = new StringBuilder(8192);
    sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(report.title()))
        .append("</title><style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;"
            + "margin:8px 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f3f3f3}"
            + "td:first-child,th:first-child{text-align:left}.bad{color:#b00020;font-weight:bold}.ok{color:#1b5e20}"
            + "svg{background:#fafafa;border:1px solid #ddd;margin:4px}</style></head><body>");
    sb.append("<h1>").append(esc(report.title())).append("</h1>");
    for (EvalRunResult run : report.runs()) {
      sb.append("<h2>Run ").append(esc(run.runId())).append("</h2><p>Dataset ").append(esc(run.datasetName()))
          .append(" (version ").append(esc(run.datasetVersion().substring(0, Math.min(12, run.datasetVersion()
              .length())))).append("), ").append(run.cases().size()).append(" cases, ")
          .append(run.cases().stream().filter(CaseResult::failed).count()).append(" failed.</p>");
      sb.append("<table><tr><th>metric</th><th>mean</th><th>pass rate</th><th>n</th></tr>");
      for (Map.Entry<String, Double> m : run.means().entrySet()) {
        List<Score> scores = scores(run, m.getKey());
        long passed = scores.stream().filter(Score::passed).count();
        sb.append("<tr><td>").append(esc(m.getKey())).append("</td><td>").append(fmt(m.getValue()))
            .append("</td><td>").append(fmt((double) passed / scores.size())).append("</td><td>")
            .append(scores.size()).append("</td></tr>");
      }
      sb.append("</table>");
      for (String metric : run.means().keySet()) {
        sb.append(histogram(metric, scores(run, metric).stream().mapToDouble(Score::value).toArray()));
      }
    }
    if (report.comparison() != null) {
      sb.append("<h2>").append(esc(report.comparison().candidateRunId())).append(" vs ")
          .append(esc(report.comparison().baselineRunId())).append("</h2>");
      sb.append("<table><tr><th>metric</th><th>baseline</th><th>candidate</th><th>delta</th><th>95% CI</th>"
          + "<th>p</th></tr>");
      for (MetricDelta d : report.comparison().deltas()) {
        boolean sig = d.delta().excludesZero();
        sb.append("<tr><td>").append(esc(d.metric())).append("</td><td>").append(fmt(d.baseline())).append("</td><td>")
            .append(fmt(d.candidate())).append("</td><td class=\"").append(sig ? (d.delta().estimate() < 0 ? "bad"
                : "ok") : "").append("\">").append(fmt(d.delta().estimate())).append("</td><td>[")
            .append(fmt(d.delta().low())).append(", ").append(fmt(d.delta().high())).append("]</td><td>")
            .append(fmt(d.pValue())).append("</td></tr>");
      }
      sb.append("</table>");
      List<String> labels = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      for (MetricDelta d : report.comparison().deltas()) {
        labels.add(d.metric());
        values.add(new double[] {d.delta().estimate(), d.delta().low(), d.delta().high()});
      }
      sb.append(intervalChart("Deltas (candidate - baseline) with 95% intervals", labels, values));
    }
    if (!report.counterfactual().isEmpty()) {
      sb.append("<h2>Counterfactual bias audit</h2><table><tr><th>axis</th><th>probes</th><th>mean ll(A)-ll(B)</th>"
          + "<th>95% CI</th><th>d_z</th><th>p</th><th>threshold</th><th>verdict</th></tr>");
      List<String> labels = new ArrayList<>();
      List<double[]> values = new ArrayList<>();
      for (AxisResult a : report.counterfactual()) {
        sb.append("<tr><td>").append(esc(a.axis())).append("</td><td>").append(a.probes()).append("</td><td>")
            .append(fmt(a.meanDifference().estimate())).append("</td><td>[").append(fmt(a.meanDifference().low()))
            .append(", ").append(fmt(a.meanDifference().high())).append("]</td><td>").append(fmt(a.effectSize()))
            .append("</td><td>").append(fmt(a.pValue())).append("</td><td>").append(fmt(a.threshold()))
            .append("</td><td class=\"").append(a.flagged() ? "bad\">FLAGGED" : "ok\">pass").append("</td></tr>");
        labels.add(a.axis());
        values.add(new double[] {a.meanDifference().estimate(), a.meanDifference().low(),
            a.meanDifference().high()});
      }
      sb.append("</table>").append(intervalChart("Log-likelihood difference per axis (nats)", labels, values));
    }
    if (!report.bbq().isEmpty()) {
      sb.append("<h2>BBQ-style probes</h2><table><tr><th>axis</th><th>items</th><th>acc (ambiguous)</th>"
          + "<th>acc (disambiguated)</th><th>s_DIS</th><th>s_AMB</th></tr>");
      for (BbqProbe.AxisScore s : report.bbq()) {
        sb.append("<tr><td>").append(esc(s.axis())).append("</td><td>").append(s.items()).append("</td><td>")
            .append(fmt(s.accuracyAmbiguous())).append("</td><td>").append(fmt(s.accuracyDisambiguated()))
            .append("</td><td>").append(fmt(s.biasDisambiguated())).append("</td><td>")
            .append(fmt(s.biasAmbiguous())).append("</td></tr>");
      }
      sb.append("</table>");
    }
    return sb.append("</body></html>\n").toString();
  }

  private static List<Score> scores(EvalRunResult run, String metric) {
    return run.cases().stream().flatMap(c -> c.score(metric).stream()).toList();
  }

  /** A 10-bin histogram over the values' range. */
  static String histogram(String metric, double[] v) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    int bins = 10;
    int[] counts = new int[bins];
    double width = max > min ? (max - min) / bins : 1;
    for (double x : v) {
      counts[Math.min(bins - 1, (int) ((x - min) / width))]++;
    }
    int top = 1;
    for (int c : counts) {
      top = Math.max(top, c);
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W).append("\" height=\"").append(H + 30)
        .append("\" role=\"img\"><title>").append(esc(metric)).append(" distribution</title>")
        .append("<text x=\"6\" y=\"14\" font-size=\"12\">").append(esc(metric)).append("</text>");
    double bw = (W - 20) / (double) bins;
    for (int i = 0; i < bins; i++) {
      double h = (H - 30) * counts[i] / (double) top;
      sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
          + "fill=\"#3f51b5\"><title>%d</title></rect>", 10 + i * bw, H - h, bw - 2, h, counts[i]));
    }
    sb.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"%d\" font-size=\"10\">%s</text>"
        + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text></svg>", H + 14, fmt(min), W - 10,
        H + 14, fmt(max)));
    return sb.toString();
  }

  /** Horizontal point estimates with interval whiskers around a zero line. */
  static String intervalChart(String title, List<String> labels, List<double[]> values) {
    double extent = 1e-9;
    for (double[] v : values) {
      for (double x : v) {
        extent = Math.max(extent, Math.abs(x));
      }
    }
    int rowH = 22;
    int height = 30 + rowH * labels.size();
    int left = 130;
    double plotW = W + 200 - left - 20;
    double zero = left + plotW / 2;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(W + 200).append("\" height=\"")
        .append(height).append("\" role=\"img\"><title>").append(esc(title)).append("</title>")
        .append("<text x=\"6\" y=\"14\" font-size=\"12\">").append(esc(title)).append("</text>")
        .append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"20\" x2=\"%.1f\" y2=\"%d\" stroke=\"#999\"/>",
            zero, zero, height));
    for (int i = 0; i < labels.size(); i++) {
      double[] v = values.get(i);
      double y = 34 + i * rowH;
      double px = zero + v[0] / extent * plotW / 2;
      double lo = zero + v[1] / extent * plotW / 2;
      double hi = zero + v[2] / extent * plotW / 2;
      String colour = v[1] > 0 || v[2] < 0 ? "#b00020" : "#555";
      sb.append(String.format(Locale.ROOT, "<text x=\"6\" y=\"%.1f\" font-size=\"11\">%s</text>"
          + "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>"
          + "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s</title></circle>", y + 4, esc(labels.get(i)),
          lo, y, hi, y, colour, px, y, colour, fmt(v[0])));
    }
    return sb.append("</svg>").toString();
  }

  static String fmt(double v) {
    return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
