/**
 * Telemetry: an OpenTelemetry {@code ModelListener} emitting GenAI semantic-convention spans, metrics and events with the engine's own timings; measured cost and budgets. Depends on {@code opentelemetry-api} only; a no-op without an SDK.
 */
package io.llmops.telemetry;
