package io.llmops.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.EvalRunResult;
import io.llmops.evaluation.Score;
import io.llmops.eval.bias.AxisResult;
import io.llmops.eval.bias.BbqProbe;
import io.llmops.eval.compare.RunComparison;
import io.llmops.eval.stats.Interval;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  static EvalReport sample() {
    List<CaseResult> a = new ArrayList<>();
    List<CaseResult> b = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      a.add(new CaseResult("c" + i, EvalOutput.of("out <" + i + ">"), List.of(new Score("rouge_l", (i % 10) / 10.0,
          i % 10 >= 5, "r")), null));
      b.add(new CaseResult("c" + i, EvalOutput.of("x"), List.of(new Score("rouge_l", (i % 10) / 20.0, false, "r")),
          null));
    }
    EvalRunResult base = new EvalRunResult("base", "ds", "0123456789abcdef", a);
    EvalRunResult cand = new EvalRunResult("cand", "ds", "0123456789abcdef", b);
    return new EvalReport("Eval <report>", List.of(base, cand), RunComparison.compare(base, cand, 1),
        List.of(new AxisResult("gender", 64, new Interval(0.8, 0.5, 1.1, 0.95), 1.2, 0.001, 0.5, true),
            new AxisResult("age", 48, new Interval(0.05, -0.1, 0.2, 0.95), 0.1, 0.6, 0.5, false)),
        List.of(new BbqProbe.AxisScore("gender", 128, 0.3, 0.6, 0.1, 0.07)));
  }

  @Test
  void jsonCarriesMeansDeltasAndBias() throws Exception {
    JsonNode root = new ObjectMapper().readTree(JsonReport.render(sample()));
    assertThat(root.at("/runs/0/means/rouge_l").asDouble()).isEqualTo(0.45);
    assertThat(root.at("/comparison/deltas/0/delta").asDouble()).isEqualTo(-0.225);
    assertThat(root.at("/comparison/deltas/0/ciHigh").asDouble()).isNegative();
    assertThat(root.at("/counterfactual/0/flagged").asBoolean()).isTrue();
    assertThat(root.at("/bbq/0/sAmb").asDouble()).isEqualTo(0.07);
  }

  @Test
  void htmlIsSelfContainedAndEscaped() {
    String html = HtmlReport.render(sample());
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "FLAGGED", "Eval &lt;report&gt;", "s_AMB")
        .doesNotContain("<script", "<link", "<img", "Eval <report>")
        .containsPattern("-0\\.2250");
    // The only URL allowed is the SVG namespace, which is an identifier, not a fetched resource.
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
  }

  /** Renders the page in headless Chromium and checks that the screenshot has content; skipped without Chromium. */
  @Test
  void rendersInHeadlessChromium(@TempDir Path dir) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    Assumptions.assumeTrue(Files.isExecutable(chromium), "Chromium not installed at /usr/bin/chromium");
    Path html = dir.resolve("report.html");
    Files.writeString(html, HtmlReport.render(sample()));
    Path png = dir.resolve("report.png");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--user-data-dir=" + dir.resolve("profile"), "--window-size=1000,1400", "--screenshot=" + png,
        html.toUri().toString()).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile())
        .start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    assertThat(done).as("chromium finished").isTrue();
    assertThat(png).exists();
    BufferedImage img = ImageIO.read(png.toFile());
    assertThat(img.getWidth()).isEqualTo(1000);
    // Count non-white pixels: a blank or error page would have almost none.
    long ink = 0;
    for (int y = 0; y < img.getHeight(); y += 2) {
      for (int x = 0; x < img.getWidth(); x += 2) {
        if ((img.getRGB(x, y) & 0xffffff) != 0xffffff) {
          ink++;
        }
      }
    }
    assertThat(ink).isGreaterThan(5000);
    if (System.getenv("LLMOPS_REPORT_SCREENSHOT") != null) {
      Files.copy(png, Path.of(System.getenv("LLMOPS_REPORT_SCREENSHOT")),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
