package io.llmops.guardrail;

/**
 * A check on one text. Implementations are thread-safe and fast enough to run on every call; they never log the text
 * they check. Prefer implementing {@link InputGuardrail} or {@link OutputGuardrail}, which say the direction.
 *
 * @since 0.1.0
 */
public interface Guardrail {

  /**
   * Returns a stable name for this guardrail, used in findings, traces and configuration.
   *
   * @return the name, e.g. {@code "pii"}
   */
  String name();

  /**
   * Checks a text.
   *
   * @param text the text to check
   * @param context where it comes from
   * @return the verdict
   */
  GuardrailResult check(String text, GuardrailContext context);
}
