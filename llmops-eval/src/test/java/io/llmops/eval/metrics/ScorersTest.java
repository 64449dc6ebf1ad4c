package io.llmops.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmops.InvalidRequestException;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.Score;
import io.llmops.model.CompletionResponse;
import io.llmops.model.GenerationStats;
import io.llmops.model.TokenUsage;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScorersTest {
  private static final EvalCase CASE = EvalCase.builder("c").input("q").expected("Paris").build();

  private static Score run(io.llmops.evaluation.Scorer s, String out) {
    return s.score(CASE, EvalOutput.of(out));
  }

  @Test
  void stringChecks() {
    assertThat(run(Scorers.equalsExpected(), " Paris\n").passed()).isTrue();
    assertThat(run(Scorers.equalsExpected(), "paris").value()).isZero();
    assertThat(run(Scorers.contains(List.of(), false, true), "it is PARIS.").passed()).isTrue();
    assertThat(run(Scorers.contains(List.of("red", "blue"), true, false), "red and green").reason())
        .isEqualTo("missing: blue");
    assertThat(run(Scorers.contains(List.of("red", "blue"), false, false), "red and green").passed()).isTrue();
    assertThat(run(Scorers.regex("\\d{4}-\\d{2}"), "on 2024-05").passed()).isTrue();
    assertThat(run(Scorers.startsWith(true), "  paris is big").passed()).isTrue();
    assertThat(run(Scorers.startsWith(false), "paris is big").passed()).isFalse();
    assertThatThrownBy(() -> Scorers.regex("(")).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void json() {
    assertThat(run(Scorers.jsonValid(), "{\"a\": [1, 2]}").passed()).isTrue();
    assertThat(run(Scorers.jsonValid(), "{\"a\": ").passed()).isFalse();
    String schema = "{\"type\":\"object\",\"required\":[\"name\",\"age\"],"
        + "\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\",\"minimum\":0}}}";
    io.llmops.evaluation.Scorer s = Scorers.jsonSchema(schema);
    assertThat(run(s, "{\"name\":\"Ann\",\"age\":3}").passed()).isTrue();
    Score bad = run(s, "{\"name\":\"Ann\",\"age\":-1}");
    assertThat(bad.passed()).isFalse();
    assertThat(bad.reason()).contains("age").contains("minimum");
    assertThat(run(s, "{\"name\":\"Ann\"}").reason()).contains("age");
    assertThat(run(s, "not json").reason()).startsWith("invalid JSON");
  }

  @Test
  void similarityScorersUseTheirMetric() {
    assertThat(run(Scorers.levenshtein(0.5), "Pariss").value()).isCloseTo(1 - 1.0 / 6, within(1e-12));
    assertThat(run(Scorers.rougeL(0.5), "Paris").value()).isEqualTo(1.0);
    assertThat(run(Scorers.chrF(0.5), "Paris").value()).isEqualTo(1.0);
    assertThat(run(Scorers.bleu(0.5), "Paris").value()).isEqualTo(1.0);
    assertThatThrownBy(() -> Scorers.bleu(2)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void operationalScorersReadUsageStatsAndLatency() {
    CompletionResponse r = CompletionResponse.builder().id("r").text("Paris").usage(new TokenUsage(1000, 500))
        .stats(GenerationStats.builder().cpuNanos(3_600_000_000_000L).build()).build();
    EvalOutput out = new EvalOutput("Paris", r, 2_500_000);
    assertThat(Scorers.latency(2).score(CASE, out).value()).isEqualTo(2.5);
    assertThat(Scorers.latency(2).score(CASE, out).passed()).isFalse();
    assertThat(Scorers.tokens(2000).score(CASE, out).value()).isEqualTo(1500);
    // 1000 in at 3/M + 500 out at 10/M + 1 CPU hour at 0.5 = 0.003 + 0.005 + 0.5
    CostModel prices = new CostModel(3, 10, 0.5);
    assertThat(Scorers.cost(prices, 1).score(CASE, out).value()).isCloseTo(0.508, within(1e-12));
    assertThat(prices.cost(EvalOutput.of("x"))).isZero();
  }
}
