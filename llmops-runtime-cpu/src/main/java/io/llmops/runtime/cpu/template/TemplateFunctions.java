package io.llmops.runtime.cpu.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Python-isms that Hugging Face chat templates use and Jinjava lacks: {@code raise_exception(msg)},
 * {@code strftime_now(fmt)}, and filters standing in for {@code str.startswith/endswith/split/lstrip/rstrip/strip}
 * (method calls are rewritten to these filters by {@link JinjaChatTemplate}). Stateless.
 */
final class TemplateFunctions {
  /** Marks exceptions raised by the template itself, so they surface as InvalidRequestException. */
  static final String RAISED = "chat template raised: ";

  private TemplateFunctions() {}

  /** {@code raise_exception(message)}: the template rejects the conversation. */
  public static Object raiseException(String message) {
    throw new TemplateRaisedException(message);
  }

  /** {@code strftime_now(format)}: the current local time in Python's strftime notation (common directives). */
  public static String strftimeNow(String format) {
    LocalDateTime now = LocalDateTime.now();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        sb.append(c);
        continue;
      }
      char d = format.charAt(++i);
      switch (d) {
        case 'd': sb.append(String.format(Locale.ROOT, "%02d", now.getDayOfMonth())); break;
        case 'm': sb.append(String.format(Locale.ROOT, "%02d", now.getMonthValue())); break;
        case 'Y': sb.append(now.getYear()); break;
        case 'y': sb.append(String.format(Locale.ROOT, "%02d", now.getYear() % 100)); break;
        case 'H': sb.append(String.format(Locale.ROOT, "%02d", now.getHour())); break;
        case 'M': sb.append(String.format(Locale.ROOT, "%02d", now.getMinute())); break;
        case 'S': sb.append(String.format(Locale.ROOT, "%02d", now.getSecond())); break;
        case 'b': sb.append(now.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)); break;
        case 'B': sb.append(now.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH)); break;
        case 'a': sb.append(now.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)); break;
        case 'A': sb.append(now.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH)); break;
        case '%': sb.append('%'); break;
        default: sb.append('%').append(d);
      }
    }
    return sb.toString();
  }

  /** Thrown by {@code raise_exception}; unwrapped by the renderer. */
  static final class TemplateRaisedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TemplateRaisedException(String message) {
      super(RAISED + message);
    }
  }

  /** A filter from a name and a function of (value, args). */
  static Filter filter(String name, java.util.function.BiFunction<String, String[], Object> f) {
    return new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return f.apply(var == null ? "" : var.toString(), args);
      }
    };
  }

  static List<Filter> filters() {
    return List.of(
        filter("startswith", (s, a) -> a.length > 0 && s.startsWith(a[0])),
        filter("endswith", (s, a) -> a.length > 0 && s.endsWith(a[0])),
        filter("pystrip", (s, a) -> strip(s, a.length > 0 ? a[0] : null, true, true)),
        filter("pylstrip", (s, a) -> strip(s, a.length > 0 ? a[0] : null, true, false)),
        filter("pyrstrip", (s, a) -> strip(s, a.length > 0 ? a[0] : null, false, true)),
        filter("pysplit", (s, a) -> split(s, a.length > 0 ? a[0] : null)));
  }

  /** Python {@code str.strip([chars])}. */
  static String strip(String s, String chars, boolean left, boolean right) {
    int b = 0;
    int e = s.length();
    while (left && b < e && (chars == null ? Character.isWhitespace(s.charAt(b)) : chars.indexOf(s.charAt(b)) >= 0)) {
      b++;
    }
    while (right && e > b
        && (chars == null ? Character.isWhitespace(s.charAt(e - 1)) : chars.indexOf(s.charAt(e - 1)) >= 0)) {
      e--;
    }
    return s.substring(b, e);
  }

  /** Python {@code str.split([sep])}: literal separator; without one, runs of whitespace, no empty strings. */
  static List<String> split(String s, String sep) {
    if (sep == null || sep.isEmpty()) {
      String t = s.strip();
      return t.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(t.split("\\s+")));
    }
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int at; (at = s.indexOf(sep, from)) >= 0; from = at + sep.length()) {
      out.add(s.substring(from, at));
    }
    out.add(s.substring(from));
    return out;
  }
}
