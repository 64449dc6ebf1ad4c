package io.llmops.guardrail;

/**
 * A guardrail on what comes out of a model. Thread-safe.
 *
 * <p>While a response streams, a pipeline calls {@link #check} on the text so far; a rail that can only judge the
 * whole answer (e.g. JSON Schema) returns {@code false} from {@link #checksPartialText()} and is called once at the
 * end.
 *
 * @since 0.1.0
 */
public interface OutputGuardrail extends Guardrail {

  /**
   * Returns whether this rail gives a meaningful verdict on a partial answer while it streams.
   *
   * @return {@code true} by default
   */
  default boolean checksPartialText() {
    return true;
  }
}
