package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
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
final class PhoneRecognizer implements EntityRecognizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern DATE = Pattern.compile(
      "\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{4}\\s?-\\s?\\d{4}|\\d{1,2}:\\d{2}(?::\\d{2})?");
  private static final Pattern CANDIDATE =
      Pattern.compile("(?<![\\w+.,/-])(?:\\+|00)?\\(?\\d[\\d \\u00A0.()/-]{5,22}\\d(?![\\w]|[.,/-]\\d)");
  private final List<String> regions;

  PhoneRecognizer(List<String> regions) {
    this.regions = List.copyOf(regions);
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
  public List<PiiEntity> recognize(String text) {
    if (digitCount(text) < 7) {
      return List.of();
    }
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = Scan.matcher(CANDIDATE, text);
    for (int from = 0; Scan.find(m, from, i -> candidateStart(text, i)); from = Scan.next(m)) {
      String raw = m.group();
      String digits = raw.replaceAll("\\D", "");
      if (digits.length() < 7 || digits.length() > 15 || DATE.matcher(raw).matches() || unbalanced(raw)) {
        continue;
      }
      if (Checksums.isbn(digits) && (digits.length() == 13 || raw.contains("-"))) {
        continue;
      }
      String region = validRegion(raw);
      if (region != null) {
        out.add(new PiiEntity(EntityTypes.PHONE, m.start(), m.end(), score(raw), "phone." + region));
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
    String digits = t.replaceAll("\\D", "");
    for (String region : international ? List.of(regions.isEmpty() ? "ZZ" : regions.get(0)) : regions) {
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
      case "GB": return c == '0' && (n == 10 || n == 11);
      case "FR": case "BE": case "CH": return c == '0' && n >= 9 && n <= 10;
      case "DE": case "AT": return c == '0' && n >= 6 && n <= 14;
      case "ES": return n == 9 && c >= '6';
      case "IT": return n >= 6 && n <= 11 && (c == '0' || c == '3');
      case "NL": return c == '0' && n == 10;
      default: return true;
    }
  }

  /** CANDIDATE's lookbehind and first char: a digit, '+' or '(' not after a word char or one of "+.,/-". */
  private static boolean candidateStart(String text, int i) {
    return (Scan.digitAt(text, i) || i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '('))
        && Scan.notAfter(text, i, "+.,/-");
  }

  private static boolean unbalanced(String raw) {
    return raw.chars().filter(c -> c == '(').count() != raw.chars().filter(c -> c == ')').count();
  }

  private static double score(String raw) {
    String t = raw.strip();
    if (t.startsWith("+") || t.startsWith("00") || t.startsWith("(")) {
      return 0.8;
    }
    boolean separators = t.chars().anyMatch(c -> c == ' ' || c == '-' || c == '.' || c == '/' || c == ')');
    return separators ? 0.65 : 0.4;
  }

  private static int digitCount(String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9' && ++n >= 7) {
        return n;
      }
    }
    return n;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("phone", "tel", "tel.", "telephone", "call", "mobile", "cell", "fax", "whatsapp", "sms", "text me",
        "téléphone", "portable", "appeler", "appelez", "telefon", "handy", "anrufen", "rufnummer", "teléfono", "móvil",
        "llámame", "llamar", "número", "numéro", "nummer", "reach me", "contact");
  }
}
