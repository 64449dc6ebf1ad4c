package io.llmops.telemetry.export;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;

/**
 * Writes each finished span as one JSON line, with OTLP's field names ({@code traceId}, {@code spanId}, {@code
 * parentSpanId}, {@code startTimeUnixNano}, ...) but attributes as a flat object. Thread-safe.
 */
final class JsonLinesSpanExporter implements SpanExporter {
  private final JsonLines out;

  JsonLinesSpanExporter(JsonLines out) {
    this.out = out;
  }

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    for (SpanData s : spans) {
      StringBuilder sb = new StringBuilder(512).append('{');
      JsonLines.field(sb, "signal", "span");
      JsonLines.field(sb, "traceId", s.getTraceId());
      JsonLines.field(sb, "spanId", s.getSpanId());
      if (s.getParentSpanContext().isValid()) {
        JsonLines.field(sb, "parentSpanId", s.getParentSpanId());
      }
      JsonLines.field(sb, "name", s.getName());
      JsonLines.field(sb, "kind", s.getKind().name());
      JsonLines.field(sb, "scope", s.getInstrumentationScopeInfo().getName());
      sb.append("\"startTimeUnixNano\":").append(s.getStartEpochNanos()).append(',');
      sb.append("\"endTimeUnixNano\":").append(s.getEndEpochNanos()).append(',');
      sb.append("\"status\":{");
      JsonLines.field(sb, "code", s.getStatus().getStatusCode().name());
      sb.setLength(sb.length() - 1);
      sb.append("},\"attributes\":");
      JsonLines.attributes(sb, s.getAttributes());
      sb.append(",\"events\":[");
      boolean first = true;
      for (EventData e : s.getEvents()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        sb.append('{');
        JsonLines.field(sb, "name", e.getName());
        sb.append("\"timeUnixNano\":").append(e.getEpochNanos()).append(",\"attributes\":");
        JsonLines.attributes(sb, e.getAttributes());
        sb.append('}');
      }
      sb.append("]}");
      out.emit(sb);
    }
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
