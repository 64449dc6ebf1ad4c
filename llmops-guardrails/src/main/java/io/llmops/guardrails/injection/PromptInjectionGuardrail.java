package io.llmops.guardrails.injection;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import java.util.List;
import java.util.Objects;

/**
 * An input rail that blocks (or flags for review) prompts a {@link PromptInjectionDetector} scores at or above its
 * threshold. The finding ({@code PROMPT_INJECTION}) carries the score and the matched rule names, never the text.
 * Thread-safe.
 *
 * @since 0.1.0
 */
public final class PromptInjectionGuardrail implements InputGuardrail {
  /** The finding type. */
  public static final String TYPE = "PROMPT_INJECTION";
  private final PromptInjectionDetector detector;
  private final GuardrailAction action;

  private PromptInjectionGuardrail(PromptInjectionDetector detector, GuardrailAction action) {
    this.detector = Objects.requireNonNull(detector, "detector");
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * Returns a rail that blocks what the detector flags.
   *
   * @param detector the detector
   * @return the rail
   */
  public static PromptInjectionGuardrail blocking(PromptInjectionDetector detector) {
    return new PromptInjectionGuardrail(detector, GuardrailAction.BLOCK);
  }

  /**
   * Returns a rail that lets flagged prompts through but sends the exchange to human review.
   *
   * @param detector the detector
   * @return the rail
   */
  public static PromptInjectionGuardrail reviewing(PromptInjectionDetector detector) {
    return new PromptInjectionGuardrail(detector, GuardrailAction.REVIEW);
  }

  @Override
  public String name() {
    return "prompt_injection";
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    InjectionVerdict v = detector.detect(text);
    if (!v.flagged()) {
      return GuardrailResult.pass(name());
    }
    Finding f = new Finding(TYPE, -1, -1, v.score(), action, String.join(",", v.matchedRules()));
    return action == GuardrailAction.BLOCK
        ? GuardrailResult.fatal(name(), "prompt injection suspected (" + v.explanation() + ")", List.of(f))
        : GuardrailResult.pass(name(), List.of(f));
  }

  @Override
  public String toString() {
    return "PromptInjectionGuardrail{" + detector + ", " + action + '}';
  }
}
