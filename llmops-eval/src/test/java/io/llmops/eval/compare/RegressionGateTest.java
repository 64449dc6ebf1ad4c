package io.llmops.eval.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.EvalRunResult;
import io.llmops.evaluation.Score;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionGateTest {

  /** A run of 40 cases: "exact" is 0 for the first {@code failures} cases, latency is {@code latency} ms. */
  static EvalRunResult run(String id, int failures, double latency) {
    List<CaseResult> cases = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double v = i < failures ? 0 : 1;
      cases.add(new CaseResult("c" + i, EvalOutput.of("x"), List.of(new Score("exact", v, v == 1, ""),
          new Score("latency_ms", latency + (i % 5), true, "")), null));
    }
    return new EvalRunResult(id, "ds", "v", cases);
  }

  @Test
  void comparisonPairsCasesAndComputesDeltas() {
    RunComparison c = RunComparison.compare(run("a", 0, 10), run("b", 10, 10), 1);
    MetricDelta exact = c.delta("exact").orElseThrow();
    assertThat(exact.pairs()).isEqualTo(40);
    assertThat(exact.baseline()).isEqualTo(1.0);
    assertThat(exact.candidate()).isEqualTo(0.75);
    assertThat(exact.delta().estimate()).isEqualTo(-0.25);
    assertThat(exact.delta().high()).isNegative();
    assertThat(exact.pValue()).isLessThan(0.01);
    assertThat(c.delta("latency_ms").orElseThrow().delta().estimate()).isZero();
  }

  @Test
  void gateFailsOnlyOnLargeSignificantDrops() {
    RegressionGate gate = RegressionGate.builder().maxDrop("exact", 0.02).maxDrop("latency_ms", 1).build();
    assertThat(gate.check(run("a", 0, 10), run("b", 10, 10)).passed()).isFalse();
    // One failure in 40 is a 0.025 drop, above the threshold, but its interval includes zero: not a regression.
    assertThat(gate.check(run("a", 0, 10), run("b", 1, 10)).passed()).isTrue();
    // Latency is lower-is-better: +5 ms on every case fails, -5 ms passes.
    RegressionGate.Verdict slower = gate.check(run("a", 0, 10), run("b", 0, 15));
    assertThat(slower.violations()).extracting(v -> v.delta().metric()).containsExactly("latency_ms");
    assertThat(gate.check(run("a", 0, 10), run("b", 0, 5)).passed()).isTrue();
  }

  @Test
  void junitAndCliHelpers() {
    RegressionGate gate = RegressionGate.builder().build();
    assertThatThrownBy(() -> gate.assertNoRegression(run("a", 0, 10), run("b", 10, 10)))
        .isInstanceOf(AssertionError.class).hasMessageContaining("FAIL").hasMessageContaining("exact");
    gate.assertNoRegression(run("a", 0, 10), run("b", 0, 10));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertThat(gate.exitCode(run("a", 0, 10), run("b", 10, 10), out)).isEqualTo(1);
    assertThat(gate.exitCode(run("a", 10, 10), run("b", 0, 10), out)).isZero();
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("delta -0.2500");
  }
}
