/**
 * Exporters for command-line use: {@link io.llmops.telemetry.export.JsonLinesTelemetry} prints spans and metrics as
 * JSON lines. Needs {@code opentelemetry-sdk} (an optional dependency); nothing in {@code io.llmops.telemetry}
 * refers to this package.
 */
package io.llmops.telemetry.export;
