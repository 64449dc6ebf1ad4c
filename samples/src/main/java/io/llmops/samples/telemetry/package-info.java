/** Sample: one guarded generation traced with OpenTelemetry (JSON lines, optionally OTLP). */
package io.llmops.samples.telemetry;
