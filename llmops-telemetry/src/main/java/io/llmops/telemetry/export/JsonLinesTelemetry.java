package io.llmops.telemetry.export;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.io.PrintWriter;
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
    return create(new JsonLines(Objects.requireNonNull(out, "out")));
  }

  /**
   * Creates the SDK over a writer (e.g. a picocli command's error writer). Close it to print the metrics and release
   * it; it does not close {@code out}.
   *
   * @param out where lines go; each line is flushed when written
   * @return a new SDK, not registered globally
   */
  public static OpenTelemetrySdk create(PrintWriter out) {
    return create(new JsonLines(Objects.requireNonNull(out, "out")));
  }

  /**
   * Returns a span exporter that writes each finished span as one JSON line, to combine with other exporters in an
   * SDK of your own (e.g. next to OTLP). Wrap it in a {@code SimpleSpanProcessor} to print spans as they end.
   *
   * @param out where lines go
   * @return a new exporter; shutting it down does not close {@code out}
   */
  public static SpanExporter spanExporter(PrintStream out) {
    return new JsonLinesSpanExporter(new JsonLines(Objects.requireNonNull(out, "out")));
  }

  /**
   * Returns a metric exporter that writes each metric point as one JSON line (cumulative temporality), for a {@code
   * PeriodicMetricReader} of your own.
   *
   * @param out where lines go
   * @return a new exporter; shutting it down does not close {@code out}
   */
  public static MetricExporter metricExporter(PrintStream out) {
    return new JsonLinesMetricExporter(new JsonLines(Objects.requireNonNull(out, "out")));
  }

  private static OpenTelemetrySdk create(JsonLines lines) {
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
