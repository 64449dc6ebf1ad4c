package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payment card numbers: 13–19 digits in one run or in groups separated consistently by spaces or dashes, passing the
 * Luhn check (ISO/IEC 7812) and falling in a known issuer range (IIN prefixes of Visa, Mastercard incl. 2-series,
 * American Express, Discover, JCB, Diners Club, UnionPay, Maestro) with a length that issuer uses.
 */
final class CreditCardRecognizer implements BuiltInRecognizer {
  private static final Pattern CANDIDATE = Pattern.compile("(?<![\\w.,/-])\\d(?:[ -]?\\d){11,18}(?![\\w/-]|[.,]\\d)");

  @Override
  public String name() {
    return "credit_card";
  }

  @Override
  public Set<String> supportedTypes() {
    return Set.of(EntityTypes.CREDIT_CARD);
  }

  @Override
  public List<PiiEntity> recognize(PiiText t) {
    String text = t.text;
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = Scan.matcher(CANDIDATE, text);
    Offsets starts = t.digitStarts(".,/-", " -", 13); // fewer than 13 digits is never a card
    for (int from = 0; Scan.findAt(m, starts, from, text.length()); from = Scan.next(m)) {
      String raw = m.group();
      if (!consistentSeparators(raw)) {
        continue;
      }
      String digits = PhoneRecognizer.digitsOf(raw); // the candidate holds digits, spaces and dashes only
      if (digits.length() < 13 || digits.length() > 19 || !Checksums.luhn(digits) || !issuerMatches(digits)) {
        continue;
      }
      if (allSameDigit(digits)) {
        continue;
      }
      out.add(new PiiEntity(EntityTypes.CREDIT_CARD, m.start(), m.end(), 0.85, "credit_card.luhn"));
    }
    return out;
  }

  /** Groups are of length 4 (or 4-6-5 for Amex, 4-6-4 for Diners), separated by one kind of separator. */
  private static boolean consistentSeparators(String raw) {
    boolean space = raw.indexOf(' ') >= 0;
    boolean dash = raw.indexOf('-') >= 0;
    if (!space && !dash) {
      return true;
    }
    if (space && dash) {
      return false;
    }
    String[] groups = raw.split(space ? " " : "-");
    if (groups.length == 3) {
      return groups[0].length() == 4 && groups[1].length() == 6 && (groups[2].length() == 5
          || groups[2].length() == 4);
    }
    for (int i = 0; i < groups.length - 1; i++) {
      if (groups[i].length() != 4) {
        return false;
      }
    }
    int last = groups[groups.length - 1].length();
    return last >= 1 && last <= 4;
  }

  private static boolean allSameDigit(String d) {
    for (int i = 1; i < d.length(); i++) {
      if (d.charAt(i) != d.charAt(0)) {
        return false;
      }
    }
    return true;
  }

  /** Issuer identification number ranges and lengths, after the networks' published BIN tables. */
  static boolean issuerMatches(String d) {
    int len = d.length();
    int p2 = Integer.parseInt(d.substring(0, 2));
    int p3 = Integer.parseInt(d.substring(0, 3));
    int p4 = Integer.parseInt(d.substring(0, 4));
    int p6 = Integer.parseInt(d.substring(0, 6));
    if (d.charAt(0) == '4') {
      return len == 13 || len == 16 || len == 19; // Visa
    }
    if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
      return len == 16; // Mastercard
    }
    if (p2 == 34 || p2 == 37) {
      return len == 15; // American Express
    }
    if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
      return len >= 16 && len <= 19; // Discover
    }
    if (p4 >= 3528 && p4 <= 3589) {
      return len >= 16 && len <= 19; // JCB
    }
    if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39 || p4 == 3095) {
      return len >= 14 && len <= 19; // Diners Club
    }
    if (p2 == 62) {
      return len >= 16 && len <= 19; // UnionPay
    }
    if (p2 == 50 || (p2 >= 56 && p2 <= 69)) {
      return len >= 12 && len <= 19; // Maestro
    }
    return false;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("card", "credit", "visa", "mastercard", "amex", "carte", "karte", "kreditkarte", "tarjeta",
        "payment", "paiement", "pago", "cc", "pan");
  }
}
