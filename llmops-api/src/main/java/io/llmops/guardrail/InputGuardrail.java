package io.llmops.guardrail;

/**
 * A guardrail on what goes into a model: each user (and system) message of a request. Thread-safe.
 *
 * @since 0.1.0
 */
public interface InputGuardrail extends Guardrail {}
