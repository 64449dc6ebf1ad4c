package io.llmops.telemetry.export;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;

/**
 * Builds an OpenTelemetry SDK that prints finished spans and metric points as JSON lines, for {@code llmops generate
 * --trace} and the samples. Spans are written when they end; metric points when the SDK is closed (or flushed), so
 * a one-shot CLI run prints each metric once. Needs {@code opentelemetry-sdk} on the class path (an optional
 * dependency of this module: the core instrumentation depends on the API only).
 *
 * <pre>{@code
 * try (OpenTelemetrySdk sdk = JsonLinesTelemetry.create(System.err)) {
 *   GenAiTelemetry telemetry = GenAiTelemetry.create(sdk);
 *   // load a model with .listener(telemetry), generate ...
 * } // metrics are printed here
 * }</pre>
 *
 * @since 0.1.0
 */
public final class JsonLinesTelemetry {
  private JsonLinesTelemetry() {}

  /**
   * Creates the SDK. Close it to print the metrics and release it; it does not close {@code out}.
   *
   * @param out where lines go, e.g. {@code System.err}
   * @return a new SDK, not registered globally
   */
  public static OpenTelemetrySdk create(PrintStream out) {
    JsonLines lines = new JsonLines(Objects.requireNonNull(out, "out"));
    return OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(new JsonLinesSpanExporter(lines))).build())
        .setMeterProvider(SdkMeterProvider.builder()
            // A long interval: a CLI run exports once, at shutdown.
            .registerMetricReader(PeriodicMetricReader.builder(new JsonLinesMetricExporter(lines))
                .setInterval(Duration.ofDays(1)).build())
            .build())
        .build();
  }
}
