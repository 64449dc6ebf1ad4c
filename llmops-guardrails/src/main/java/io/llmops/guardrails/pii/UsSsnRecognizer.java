package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * US social security numbers, AAA-GG-SSSS. The Social Security Administration never issues area 000, 666 or 900–999,
 * group 00 or serial 0000, nor the numbers it published as examples (078-05-1120, 219-09-9999). Nine undelimited
 * digits are only a weak candidate, raised by context words ("SSN", "social security").
 */
final class UsSsnRecognizer implements BuiltInRecognizer {
  private static final Pattern DELIMITED = Pattern.compile("(?<![\\w.-])(\\d{3})([- ])(\\d{2})\\2(\\d{4})(?![\\w-]|\\.\\d)");
  private static final Pattern PLAIN = Pattern.compile("(?<![\\w.-])(\\d{3})(\\d{2})(\\d{4})(?![\\w-]|\\.\\d)");

  @Override
  public String name() {
    return "us_ssn";
  }

  @Override
  public Set<String> supportedTypes() {
    return Set.of(EntityTypes.US_SSN);
  }

  @Override
  public List<PiiEntity> recognize(PiiText t) {
    String text = t.text;
    List<PiiEntity> out = new ArrayList<>();
    Offsets starts = t.digitStarts(".-", " -", 9); // both patterns hold 9 digits
    Matcher m = Scan.matcher(DELIMITED, text);
    for (int from = 0; Scan.findAt(m, starts, from, text.length()); from = Scan.next(m)) {
      if (valid(m.group(1), m.group(3), m.group(4))) {
        double score = m.group(2).equals("-") ? 0.6 : 0.4;
        out.add(new PiiEntity(EntityTypes.US_SSN, m.start(), m.end(), score, "us_ssn.delimited"));
      }
    }
    m = Scan.matcher(PLAIN, text);
    for (int from = 0; Scan.findAt(m, starts, from, text.length()); from = Scan.next(m)) {
      if (valid(m.group(1), m.group(2), m.group(3))) {
        out.add(new PiiEntity(EntityTypes.US_SSN, m.start(), m.end(), 0.2, "us_ssn.plain"));
      }
    }
    return out;
  }

  static boolean valid(String area, String group, String serial) {
    int a = Integer.parseInt(area);
    if (a == 0 || a == 666 || a >= 900) {
      return false;
    }
    if (group.equals("00") || serial.equals("0000")) {
      return false;
    }
    String all = area + group + serial;
    return !all.equals("078051120") && !all.equals("219099999") && !all.equals("123456789");
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("ssn", "social security", "social", "security number", "ss#", "ssn#", "taxpayer", "sécurité sociale");
  }
}
