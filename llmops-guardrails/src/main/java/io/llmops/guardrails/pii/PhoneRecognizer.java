package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telephone numbers validated by libphonenumber (the number is valid for its region in Google's metadata). Design
 * note: libphonenumber's own {@code findNumbers} rescans the whole text once per region and costs ~40 ms per 8 KiB
 * per region; instead one regular expression finds candidate runs (7–15 digits with the usual separators, an
 * optional {@code +}/{@code 00} prefix) and only those are parsed, once for international numbers and once per
 * region hint for national ones. A number written with separators or a country prefix scores higher than a bare run
 * of digits, which is as likely an order or account number.
 */
final class PhoneRecognizer implements BuiltInRecognizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern DATE = Pattern.compile(
      "\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{4}\\s?-\\s?\\d{4}|\\d{1,2}:\\d{2}(?::\\d{2})?");
  private static final Pattern CANDIDATE =
      Pattern.compile("(?<![\\w+.,/-])(?:\\+|00)?\\(?\\d[\\d \\u00A0.()/-]{5,22}\\d(?![\\w]|[.,/-]\\d)");
  private final List<String> regions;
  /** The region international numbers are parsed under (any: the number carries its country code). */
  private final List<String> intlRegion;

  PhoneRecognizer(List<String> regions) {
    this.regions = List.copyOf(regions);
    this.intlRegion = List.of(regions.isEmpty() ? "ZZ" : regions.get(0));
    for (String r : regions) {
      if (!UTIL.getSupportedRegions().contains(r)) {
        throw new IllegalArgumentException("unknown phone region hint: " + r);
      }
    }
  }

  @Override
  public String name() {
    return "phone";
  }

  @Override
  public Set<String> supportedTypes() {
    return Set.of(EntityTypes.PHONE);
  }

  @Override
  public List<PiiEntity> recognize(PiiText t) {
    if (t.digits < 7) {
      return List.of();
    }
    String text = t.text;
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = Scan.matcher(CANDIDATE, text);
    for (int from = 0; findCandidate(m, t, from); from = Scan.next(m)) {
      String raw = m.group();
      int start = m.start();
      if (raw.startsWith("(") && unbalanced(raw)) {
        // A number inside parentheses, "(06 12 34 56 78)": the candidate cannot end on the ')', so drop the '('.
        raw = raw.substring(1);
        start++;
      }
      String digits = digitsOf(raw);
      if (digits.length() < 7 || digits.length() > 15 || DATE.matcher(raw).matches() || unbalanced(raw)) {
        continue;
      }
      if (Checksums.isbn(digits) && (digits.length() == 13 || raw.contains("-"))) {
        continue;
      }
      String region = validRegion(raw);
      if (region != null) {
        out.add(new PiiEntity(EntityTypes.PHONE, start, m.end(), score(raw), "phone." + region));
      }
    }
    return out;
  }

  /** Returns the region hint under which the number is valid, "INTL" for a valid international number, or null. */
  private String validRegion(String raw) {
    String t = raw.strip();
    if (t.startsWith("00")) {
      t = "+" + t.substring(2); // 00 is the international call prefix (ITU-T E.164) nearly everywhere but NANP
    }
    boolean international = t.startsWith("+");
    String digits = digitsOf(t);
    for (String region : international ? intlRegion : regions) {
      if (!international && !plausible(region, digits)) {
        continue;
      }
      try {
        Phonenumber.PhoneNumber n = UTIL.parse(t, region);
        if (UTIL.isValidNumber(n)) {
          return international ? "intl" : region;
        }
      } catch (NumberParseException e) {
        // Not a number in this region; try the next.
      }
    }
    return null;
  }

  /**
   * A cheap test from the national numbering plans (leading digit and length) that rules a candidate out before
   * libphonenumber's much slower regular-expression validation; regions without an entry go straight to it.
   */
  static boolean plausible(String region, String d) {
    int n = d.length();
    char c = d.charAt(0);
    switch (region) {
      case "US": case "CA": // NANP: NXX-NXX-XXXX, optionally with the trunk prefix 1
        return n == 10 && c >= '2' || n == 11 && c == '1' && d.charAt(1) >= '2';
      // UK national numbers start 01, 02, 03, 05, 07, 08 or 09; 04 and 06 are unassigned (Ofcom numbering plan).
      case "GB": return c == '0' && (n == 10 || n == 11) && "1235789".indexOf(d.charAt(1)) >= 0;
      case "FR": case "BE": case "CH": return c == '0' && n >= 9 && n <= 10;
      case "DE": case "AT": return c == '0' && n >= 6 && n <= 14;
      case "ES": return n == 9 && c >= '6';
      case "IT": return n >= 6 && n <= 11 && (c == '0' || c == '3');
      case "NL": return c == '0' && n == 10;
      default: return true;
    }
  }

  /**
   * Finds the next CANDIDATE at or after {@code from}. Its lookbehind and first char: a digit, '+' or '(' (the
   * shared number starts) not after one of "+.,/-" either.
   */
  private static boolean findCandidate(Matcher m, PiiText t, int from) {
    Offsets starts = t.numberStarts;
    int n = t.text.length();
    for (int k = starts.firstAtOrAfter(from); k < starts.size(); k++) {
      int i = starts.get(k);
      // A candidate lies in a run of digits, separators and '+'; fewer than 7 digits there are never kept.
      if (t.notAfter(i, "+.,/-") && t.digitsInRun(i, "+ \u00A0.()/-", 7)) {
        m.region(i, n);
        if (m.lookingAt()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The ASCII digits of a string ({@code s.replaceAll("\\D", "")} without a regular expression). */
  static String digitsOf(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean unbalanced(String raw) {
    int open = 0;
    int close = 0;
    for (int i = 0; i < raw.length(); i++) {
      open += raw.charAt(i) == '(' ? 1 : 0;
      close += raw.charAt(i) == ')' ? 1 : 0;
    }
    return open != close;
  }

  private static double score(String raw) {
    String t = raw.strip();
    if (t.startsWith("+") || t.startsWith("00") || t.startsWith("(")) {
      return 0.8;
    }
    boolean separators = t.chars().anyMatch(c -> c == ' ' || c == '-' || c == '.' || c == '/' || c == ')');
    return separators ? 0.65 : 0.4;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("phone", "tel", "tel.", "telephone", "call", "mobile", "cell", "fax", "whatsapp", "sms", "text me",
        "téléphone", "portable", "appeler", "appelez", "telefon", "handy", "anrufen", "rufnummer", "teléfono", "móvil",
        "llámame", "llamar", "número", "numéro", "nummer", "reach me", "contact");
  }
}
