/**
 * Guardrails: PII detection and anonymization, prompt-injection and content rails, output validation, streaming output rails that stop generation, and human review queues. Implements the interfaces of {@code io.llmops.guardrail} and {@code io.llmops.review}.
 */
package io.llmops.guardrails;
