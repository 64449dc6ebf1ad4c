package io.llmops.guardrails.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrails.anonymize.Anonymizer;
import io.llmops.guardrails.anonymize.Operator;
import io.llmops.guardrails.anonymize.PiiGuardrail;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputRailsTest {
  private static final GuardrailContext OUT = GuardrailContext.output("q");
  private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"name\",\"age\"],\"properties\":"
      + "{\"name\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\",\"minimum\":0}}}";

  @Test
  void jsonWellFormedAndSchema() {
    JsonGuardrail wf = JsonGuardrail.wellFormed(GuardrailAction.BLOCK);
    assertThat(wf.check("{\"a\": 1}", OUT).isAccepted()).isTrue();
    assertThat(wf.check("```json\n{\"a\": 1}\n```", OUT).isAccepted()).isTrue();
    assertThat(wf.check("{\"a\": 1", OUT).findings().get(0).type()).isEqualTo("INVALID_JSON");
    assertThat(wf.checksPartialText()).isFalse();
    JsonGuardrail s = JsonGuardrail.withSchema(SCHEMA, GuardrailAction.BLOCK);
    assertThat(s.check("{\"name\":\"x\",\"age\":3}", OUT).isAccepted()).isTrue();
    GuardrailResult bad = s.check("{\"name\":\"x\",\"age\":-1}", OUT);
    assertThat(bad.isAccepted()).isFalse();
    assertThat(bad.findings().get(0).detail()).contains("minimum").doesNotContain("-1");
    assertThat(s.check("{\"name\":\"x\"}", OUT).findings().get(0).detail()).contains("required");
    assertThatThrownBy(() -> JsonGuardrail.withSchema("{nope", GuardrailAction.BLOCK))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void regexMustMatchAndMustNotContain() {
    assertThat(RegexGuardrail.mustMatch("yes_no", Pattern.compile("(?i)yes|no"), GuardrailAction.BLOCK)
        .check(" Yes ", OUT).isAccepted()).isTrue();
    assertThat(RegexGuardrail.mustMatch("yes_no", Pattern.compile("(?i)yes|no"), GuardrailAction.BLOCK)
        .check("maybe", OUT).isAccepted()).isFalse();
    assertThat(RegexGuardrail.mustNotContain("ticket", Pattern.compile("TCK-\\d+"), GuardrailAction.REDACT)
        .check("see TCK-123", OUT).textOr("")).isEqualTo("see <REDACTED>");
  }

  @Test
  void lengthAndReadingTime() {
    String words = "word ".repeat(476).strip(); // 476 words = 2 minutes at 238 wpm
    assertThat(LengthGuardrail.readingSeconds(words)).isEqualTo(120.0);
    assertThat(LengthGuardrail.of(0, 10_000, 1_000, 119, GuardrailAction.BLOCK).check(words, OUT).isAccepted())
        .isFalse();
    assertThat(LengthGuardrail.of(0, 10_000, 1_000, 120, GuardrailAction.BLOCK).check(words, OUT).isAccepted())
        .isTrue();
    assertThat(LengthGuardrail.of(5, 100, 100, 100, GuardrailAction.BLOCK).check("hi", OUT).isAccepted()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"I'm sorry, but I can't help with that.", "As an AI language model, I cannot do this.",
      "Désolé, je ne peux pas vous aider.", "Es tut mir leid, aber ich kann das nicht.",
      "Lo siento, pero no puedo ayudarte con eso."})
  void detectsRefusals(String text) {
    assertThat(RefusalGuardrail.isRefusal(text)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Sure! Here is how to reset your password.", "I can help with that: go to Settings.",
      "Sorry for the delay, your parcel ships today."})
  void answersAreNotRefusals(String text) {
    assertThat(RefusalGuardrail.isRefusal(text)).isFalse();
  }

  @Test
  void piiLeakInAnswerIsRedacted() {
    PiiGuardrail leak = PiiGuardrail.outputLeak(Anonymizer.builder().defaultOperator(Operator.redact()).build(),
        GuardrailAction.REDACT);
    assertThat(leak.check("The admin is reachable at root@corp.example.com.", OUT).textOr(""))
        .isEqualTo("The admin is reachable at <EMAIL>.");
  }
}
