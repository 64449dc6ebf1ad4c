/**
 * The llmops-java API: the entry point {@link io.llmops.Models}, which discovers a runtime and loads a model, and the
 * single exception hierarchy rooted at {@link io.llmops.LlmOpsException}.
 *
 * <p>This module depends on the JDK only. Model interfaces and value types live in {@link io.llmops.model}; prompts in
 * {@link io.llmops.prompt}; guardrails in {@link io.llmops.guardrail}; human review in {@link io.llmops.review};
 * evaluation in {@link io.llmops.evaluation}; feedback in {@link io.llmops.feedback}; listeners for telemetry in
 * {@link io.llmops.observation}; and the runtime service-provider interface in {@link io.llmops.spi}.
 *
 * <p>Unless a type says otherwise, parameters and return values are never {@code null}.
 */
package io.llmops;
