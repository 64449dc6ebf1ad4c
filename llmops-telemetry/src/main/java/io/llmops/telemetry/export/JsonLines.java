package io.llmops.telemetry.export;

import io.llmops.telemetry.internal.Json;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.io.PrintStream;
import java.util.List;

/** Writes one JSON object per line to a stream; lines are written whole under the stream's lock. */
final class JsonLines {
  private final PrintStream out;

  JsonLines(PrintStream out) {
    this.out = out;
  }

  void emit(StringBuilder line) {
    String s = line.toString();
    synchronized (out) {
      out.println(s);
    }
    out.flush();
  }

  /** Appends attributes as a flat JSON object, arrays as JSON arrays. */
  static void attributes(StringBuilder sb, Attributes attributes) {
    sb.append('{');
    boolean[] first = {true};
    attributes.forEach((AttributeKey<?> k, Object v) -> {
      if (!first[0]) {
        sb.append(',');
      }
      first[0] = false;
      Json.string(sb, k.getKey());
      sb.append(':');
      value(sb, v);
    });
    sb.append('}');
  }

  private static void value(StringBuilder sb, Object v) {
    if (v instanceof String) {
      Json.string(sb, (String) v);
    } else if (v instanceof Boolean) {
      sb.append(v);
    } else if (v instanceof Number) {
      Json.number(sb, ((Number) v).doubleValue());
    } else if (v instanceof List) {
      sb.append('[');
      List<?> list = (List<?>) v;
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        value(sb, list.get(i));
      }
      sb.append(']');
    } else {
      Json.string(sb, String.valueOf(v));
    }
  }

  static void field(StringBuilder sb, String name, String value) {
    Json.string(sb, name);
    sb.append(':');
    Json.string(sb, value);
    sb.append(',');
  }
}
