/**
 * Guardrail interfaces: {@link io.llmops.guardrail.InputGuardrail} checks what goes into a model, {@link
 * io.llmops.guardrail.OutputGuardrail} what comes out. Each returns a {@link io.llmops.guardrail.GuardrailResult}
 * that passes, rewrites (e.g. redacted text), fails or is fatal, with {@link io.llmops.guardrail.Finding}s that name
 * entity types, spans and scores but never carry the matched text, so they can be traced and logged safely.
 * Implementations live in {@code llmops-guardrails}.
 */
package io.llmops.guardrail;
