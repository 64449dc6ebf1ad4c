package io.llmops.guardrails;

import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;

/**
 * Receives every verdict of a {@link GuardrailPipeline}, for telemetry and audit. Results hold findings (types, spans,
 * scores, rule names) but never the checked text. Implementations are thread-safe, fast, and should not throw: a
 * pipeline catches and logs what they throw and carries on.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface GuardrailListener {

  /**
   * Receives the verdict of one rail.
   *
   * @param context where the text came from
   * @param result the rail's verdict
   */
  void onResult(GuardrailContext context, GuardrailResult result);

  /**
   * Returns a listener that ignores everything.
   *
   * @return the no-op listener
   */
  static GuardrailListener noop() {
    return (context, result) -> {};
  }
}
