package io.llmops.observation;

/**
 * Removes sensitive content (personal data, secrets) from text before it is captured in telemetry. Telemetry depends
 * on this interface only; {@code llmops-guardrails} provides one backed by its PII anonymizer. Thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ContentRedactor {

  /**
   * Returns the text with sensitive parts replaced.
   *
   * @param text the text
   * @return the redacted text
   */
  String redact(String text);

  /**
   * Returns a redactor that leaves text unchanged (for tests and trusted environments only).
   *
   * @return the identity redactor
   */
  static ContentRedactor none() {
    return text -> text;
  }
}
