package io.llmops.guardrails.pii;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Telephone numbers found and validated by libphonenumber ({@link PhoneNumberUtil.Leniency#VALID}: the number is
 * valid for its region in Google's metadata). Numbers with a {@code +} or {@code 00} prefix are found whatever the
 * region; national formats are tried against each region hint, in order. A number written with separators or a
 * country prefix scores higher than a bare run of digits, which is as likely an order or account number.
 */
final class PhoneRecognizer implements EntityRecognizer {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final Pattern DATE = Pattern.compile(
      "\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{4}\\s?-\\s?\\d{4}|\\d{1,2}:\\d{2}(?::\\d{2})?");
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
    Map<Long, PiiEntity> bySpan = new LinkedHashMap<>();
    for (String region : regions) {
      for (PhoneNumberMatch match : UTIL.findNumbers(text, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
        String raw = match.rawString();
        if (DATE.matcher(raw).matches()) {
          continue;
        }
        String digits = raw.replaceAll("\\D", "");
        if (Checksums.isbn(digits) && (digits.length() == 13 || raw.contains("-"))) {
          continue;
        }
        double score = score(raw);
        long key = ((long) match.start() << 32) | match.end();
        PiiEntity prev = bySpan.get(key);
        if (prev == null || prev.score() < score) {
          bySpan.put(key, new PiiEntity(EntityTypes.PHONE, match.start(), match.end(), score, "phone." + region));
        }
      }
    }
    return new ArrayList<>(bySpan.values());
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
