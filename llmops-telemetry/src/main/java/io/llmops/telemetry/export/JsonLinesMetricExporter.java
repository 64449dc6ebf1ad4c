package io.llmops.telemetry.export;

import io.llmops.telemetry.internal.Json;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.Collection;

/** Writes each metric point as one JSON line (name, unit, type, attributes, and value or histogram). Thread-safe. */
final class JsonLinesMetricExporter implements MetricExporter {
  private final JsonLines out;

  JsonLinesMetricExporter(JsonLines out) {
    this.out = out;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    for (MetricData m : metrics) {
      for (PointData p : m.getData().getPoints()) {
        StringBuilder sb = new StringBuilder(256).append('{');
        JsonLines.field(sb, "signal", "metric");
        JsonLines.field(sb, "name", m.getName());
        JsonLines.field(sb, "unit", m.getUnit());
        JsonLines.field(sb, "type", m.getType().name());
        sb.append("\"timeUnixNano\":").append(p.getEpochNanos()).append(",\"attributes\":");
        JsonLines.attributes(sb, p.getAttributes());
        if (p instanceof HistogramPointData) {
          HistogramPointData h = (HistogramPointData) p;
          sb.append(",\"count\":").append(h.getCount()).append(",\"sum\":");
          Json.number(sb, h.getSum());
          sb.append(",\"explicitBounds\":").append(h.getBoundaries()).append(",\"bucketCounts\":")
              .append(h.getCounts());
        } else if (p instanceof LongPointData) {
          sb.append(",\"value\":").append(((LongPointData) p).getValue());
        } else if (p instanceof DoublePointData) {
          sb.append(",\"value\":");
          Json.number(sb, ((DoublePointData) p).getValue());
        }
        out.emit(sb.append('}'));
      }
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
