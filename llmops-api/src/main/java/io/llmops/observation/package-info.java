/**
 * Hooks for observability: runtimes call a {@link io.llmops.observation.ModelListener} around every model call and
 * per token; {@code llmops-telemetry} implements it with OpenTelemetry. Listeners are a no-op by default and never
 * break inference: runtimes isolate them with {@link io.llmops.observation.ModelListener#safe}. Captured content goes
 * through a {@link io.llmops.observation.ContentRedactor} first.
 */
package io.llmops.observation;
