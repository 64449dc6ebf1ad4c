package io.llmops.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuardrailResultTest {

  @Test
  void actionIsTheStrongestFinding() {
    Finding email = new Finding("EMAIL", 0, 10, 0.99, GuardrailAction.REDACT, "email pattern");
    Finding review = new Finding("TOXICITY", -1, -1, 0.6, GuardrailAction.REVIEW, "lexicon");
    GuardrailResult r = GuardrailResult.rewrite("pii", "<EMAIL_1> hi", List.of(email, review));
    assertThat(r.isAccepted()).isTrue();
    assertThat(r.action()).isEqualTo(GuardrailAction.REVIEW);
    assertThat(r.textOr("original")).isEqualTo("<EMAIL_1> hi");
    assertThat(GuardrailResult.pass("x").action()).isEqualTo(GuardrailAction.ALLOW);
    assertThat(GuardrailResult.fail("x", "injection", List.of()).action()).isEqualTo(GuardrailAction.BLOCK);
    assertThat(GuardrailResult.pass("x").textOr("original")).isEqualTo("original");
  }

  @Test
  void findingsValidateSpansAndScores() {
    assertThatThrownBy(() -> new Finding("EMAIL", 5, 2, 0.5, GuardrailAction.ALLOW, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Finding("EMAIL", 0, 2, 1.5, GuardrailAction.ALLOW, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Finding("EMAIL", -1, 2, 0.5, GuardrailAction.ALLOW, ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new Finding("X", -1, -1, 0, GuardrailAction.ALLOW, "").hasSpan()).isFalse();
  }
}
