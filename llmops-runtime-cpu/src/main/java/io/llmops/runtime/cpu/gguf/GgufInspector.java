package io.llmops.runtime.cpu.gguf;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Human-readable views of GGUF files and values, for the {@code inspect} CLI command and for logs. Long arrays (a
 * vocabulary of 150k tokens) are summarised by their first elements and their length.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class GgufInspector {
  private GgufInspector() {}

  /**
   * Describes a whole file: version, alignment, data offset, every metadata key with its type and value, and a table of
   * tensors (name, type, shape in ggml order, bytes).
   *
   * @param file an open file
   * @param maxArrayElements how many leading elements of an array to show before {@code ...}
   * @return multi-line text ending with a newline
   */
  public static String inspect(GgufFile file, int maxArrayElements) {
    StringBuilder sb = new StringBuilder();
    sb.append("GGUF v").append(file.version()).append("  ").append(file.path().getFileName())
        .append("  ").append(file.fileSize()).append(" bytes, alignment ").append(file.alignment())
        .append(", data at ").append(file.dataOffset()).append('\n');
    sb.append("metadata (").append(file.metadata().size()).append(")\n");
    for (Map.Entry<String, GgufValue> e : file.metadata().entrySet()) {
      GgufValue v = e.getValue();
      String type = v.type() == GgufValueType.ARRAY
          ? "array<" + v.elementType().name().toLowerCase(Locale.ROOT) + ">[" + v.length() + "]"
          : v.type().name().toLowerCase(Locale.ROOT);
      sb.append("  ").append(e.getKey()).append(" : ").append(type).append(" = ")
          .append(describe(v, maxArrayElements)).append('\n');
    }
    List<GgufTensorInfo> tensors = file.tensors();
    int width = 4;
    for (GgufTensorInfo t : tensors) {
      width = Math.max(width, t.name().length());
    }
    long total = 0;
    long params = 0;
    sb.append("tensors (").append(tensors.size()).append(")\n");
    sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %-7s  %-24s  %12s%n", "name", "type", "shape", "bytes"));
    for (GgufTensorInfo t : tensors) {
      sb.append(String.format(Locale.ROOT, "  %-" + width + "s  %-7s  %-24s  %12d%n", t.name(), t.type(),
          Arrays.toString(t.shape()), t.byteSize()));
      total += t.byteSize();
      params += t.elementCount();
    }
    sb.append(String.format(Locale.ROOT, "  total: %d elements, %d bytes%n", params, total));
    return sb.toString();
  }

  /**
   * Describes one value: scalars in full (strings quoted and escaped), arrays by their first elements.
   *
   * @param v the value
   * @param maxArrayElements how many leading elements of an array to show
   * @return one line of text
   */
  public static String describe(GgufValue v, int maxArrayElements) {
    switch (v.type()) {
      case STRING:
        return quote(v.asString());
      case UINT64:
        return Long.toUnsignedString(v.asLong());
      case ARRAY:
        break;
      default:
        return String.valueOf(v.raw());
    }
    int n = v.length();
    int shown = Math.min(n, Math.max(0, maxArrayElements));
    StringBuilder sb = new StringBuilder("[");
    Object raw = v.raw();
    for (int i = 0; i < shown; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      if (raw instanceof String[] s) {
        sb.append(quote(s[i]));
      } else if (raw instanceof List<?> l) {
        sb.append(describe((GgufValue) l.get(i), maxArrayElements));
      } else if (v.elementType() == GgufValueType.UINT64) {
        sb.append(Long.toUnsignedString(((long[]) raw)[i]));
      } else {
        sb.append(java.lang.reflect.Array.get(raw, i));
      }
    }
    if (shown < n) {
      sb.append(shown > 0 ? ", " : "").append("... ").append(n - shown).append(" more");
    }
    return sb.append(']').toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    int limit = Math.min(s.length(), 200);
    for (int i = 0; i < limit; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': sb.append("\\\""); break;
        case '\\': sb.append("\\\\"); break;
        case '\n': sb.append("\\n"); break;
        case '\r': sb.append("\\r"); break;
        case '\t': sb.append("\\t"); break;
        default:
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    if (limit < s.length()) {
      sb.append("...(").append(s.length()).append(" chars)");
    }
    return sb.append('"').toString();
  }
}
