package io.llmops.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JudgeVerdictTest {

  @Test
  void parsesJsonInsideProseOrFences() {
    assertThat(JudgeVerdict.parse("```json\n{\"score\": 4, \"reason\": \"mostly right\"}\n```"))
        .contains(new JudgeVerdict(4, "mostly right"));
    assertThat(JudgeVerdict.parse("Here you go: {\"rating\": \"3\", \"explanation\": \"ok\"} thanks"))
        .contains(new JudgeVerdict(3, "ok"));
  }

  @Test
  void parsesLabelledFractionsAndBareNumbers() {
    assertThat(JudgeVerdict.parse("Score: 4/5\nReason: cites the source").orElseThrow().score()).isEqualTo(4);
    assertThat(JudgeVerdict.parse("Score: 4/5\nReason: cites the source").orElseThrow().reason())
        .isEqualTo("cites the source");
    assertThat(JudgeVerdict.parse("**Rating:** 2 out of 5 - vague").orElseThrow().score()).isEqualTo(2);
    assertThat(JudgeVerdict.parse("I'd say 3/5 overall.").orElseThrow().score()).isEqualTo(3);
    assertThat(JudgeVerdict.parse("5\nPerfect answer.").orElseThrow())
        .isEqualTo(new JudgeVerdict(5, "Perfect answer."));
    assertThat(JudgeVerdict.parse("4.5")).contains(new JudgeVerdict(4.5, "4.5"));
    assertThat(JudgeVerdict.parse("I cannot grade this.")).isEmpty();
  }
}
