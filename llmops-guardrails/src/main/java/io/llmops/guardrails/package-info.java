/**
 * Guardrails: PII detection and anonymization, prompt-injection and content rails, output validation, streaming
 * output rails that stop generation, and human review queues. Implements the interfaces of {@code io.llmops.guardrail}
 * and {@code io.llmops.review}.
 *
 * <p>Entry points: {@link io.llmops.guardrails.GuardrailPipeline} (ordered rails, listener, review queue, vaults) and
 * the decorators {@link io.llmops.guardrails.GuardedChatModel} / {@link io.llmops.guardrails.GuardedLanguageModel}.
 * Packages: {@code pii} (typed recognizers, {@code PiiAnalyzer}), {@code anonymize} (operators, vault, {@code
 * PiiGuardrail}, the telemetry {@code ContentRedactor}), {@code injection}, {@code content} (banned terms and topics,
 * toxicity, secrets, invisible text, language), {@code output} (JSON/Schema, regex, length, refusal, relevance),
 * {@code review} (in-memory and JDBC queues, JSONL export), {@code batch} (JSONL checks for the CLI).
 *
 * <p>Dependencies: rules need only the JDK, libphonenumber, Jackson and json-schema-validator. Rails on a sentence
 * encoder (injection classifier, banned topics, toxicity, relevance) take any {@link io.llmops.model.EmbeddingModel};
 * this module does not depend on a runtime. Applications that want them add {@code llmops-runtime-cpu} and pass
 * {@code OnnxEmbeddingModel.allMiniLmL6V2()}; this module's tests do exactly that.
 */
package io.llmops.guardrails;
