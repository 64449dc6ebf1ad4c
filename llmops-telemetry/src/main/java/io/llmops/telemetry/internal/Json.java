package io.llmops.telemetry.internal;

/**
 * The JSON this module writes by hand (used by the core and by {@code export}; not API): string literals escaped
 * per RFC 8259 section 7 (quote, backslash and control characters; the rest passes through as UTF-16, which the
 * caller encodes), and numbers. Stateless.
 */
public final class Json {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  /**
   * Appends {@code s} as a JSON string literal.
   *
   * @param sb the target
   * @param s the string
   */
  public static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            // U+2028/2029 are legal JSON but break JavaScript consumers of the line.
            sb.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  /**
   * Appends a number; non-finite values, which JSON cannot hold, become strings.
   *
   * @param sb the target
   * @param v the value
   */
  public static void number(StringBuilder sb, double v) {
    if (Double.isFinite(v)) {
      if (v == Math.rint(v) && Math.abs(v) < 1e15) {
        sb.append((long) v);
      } else {
        sb.append(v);
      }
    } else {
      string(sb, Double.toString(v));
    }
  }
}
