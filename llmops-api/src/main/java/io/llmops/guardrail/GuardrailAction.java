package io.llmops.guardrail;

/**
 * What a guardrail decided to do about a finding, from mildest to strongest.
 *
 * @since 0.1.0
 */
public enum GuardrailAction {
  /** Let it through unchanged (the finding is only recorded). */
  ALLOW,
  /** Let it through with the finding redacted or replaced. */
  REDACT,
  /** Let it through but put the exchange in the human review queue. */
  REVIEW,
  /** Stop the call. */
  BLOCK;

  /**
   * Returns the stronger of two actions.
   *
   * @param other the other action
   * @return the one later in declaration order
   */
  public GuardrailAction max(GuardrailAction other) {
    return other.ordinal() > ordinal() ? other : this;
  }
}
