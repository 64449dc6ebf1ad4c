package io.llmops;

import io.llmops.guardrail.GuardrailResult;

/**
 * A guardrail blocked a request or a response. Carries the {@link GuardrailResult}, whose findings name entity types,
 * spans and scores but never the matched text.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public class GuardrailViolationException extends LlmOpsException {
  private static final long serialVersionUID = 1L;

  private final transient GuardrailResult result;

  /**
   * Creates the exception.
   *
   * @param result the result that blocked the call
   */
  public GuardrailViolationException(GuardrailResult result) {
    super("blocked by guardrail " + result.guardrail() + ": " + result.reason());
    this.result = result;
  }

  /**
   * Returns the result that blocked the call.
   *
   * @return the guardrail result
   */
  public GuardrailResult result() {
    return result;
  }
}
