package io.llmops.telemetry;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;

/** An OpenTelemetry SDK built per test, with in-memory span, metric and log exporters. Close it after the test. */
final class TestSdk implements AutoCloseable {
  final InMemorySpanExporter spans = InMemorySpanExporter.create();
  final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  final InMemoryLogRecordExporter logs = InMemoryLogRecordExporter.create();
  final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .setLoggerProvider(SdkLoggerProvider.builder().addLogRecordProcessor(SimpleLogRecordProcessor.create(logs))
          .build())
      .build();

  List<SpanData> finishedSpans() {
    return spans.getFinishedSpanItems();
  }

  SpanData onlySpan() {
    List<SpanData> all = finishedSpans();
    if (all.size() != 1) {
      throw new AssertionError("expected one span, got " + all);
    }
    return all.get(0);
  }

  List<MetricData> collect() {
    return List.copyOf(metrics.collectAllMetrics());
  }

  static Optional<MetricData> metric(List<MetricData> all, String name) {
    return all.stream().filter(m -> m.getName().equals(name)).findFirst();
  }

  List<LogRecordData> logRecords() {
    return logs.getFinishedLogRecordItems();
  }

  @Override
  public void close() {
    sdk.close();
  }
}
