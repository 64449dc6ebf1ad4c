package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IBANs (ISO 13616): a registered country code, the country's exact length (SWIFT IBAN registry) and the mod-97
 * check. Electronic form or print form in groups of four.
 */
final class IbanRecognizer implements BuiltInRecognizer {
  private static final Pattern CANDIDATE =
      Pattern.compile("(?<![\\w-])[A-Za-z]{2}\\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,4})?(?![\\w-])");

  /** Lengths from the SWIFT IBAN registry. */
  private static final Map<String, Integer> LENGTHS = Map.ofEntries(
      Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
      Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
      Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22),
      Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24),
      Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22),
      Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21),
      Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IS", 26), Map.entry("IT", 27),
      Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LI", 21),
      Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24),
      Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30),
      Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29),
      Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24),
      Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("TN", 24),
      Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VG", 24), Map.entry("XK", 20));

  @Override
  public String name() {
    return "iban";
  }

  @Override
  public Set<String> supportedTypes() {
    return Set.of(EntityTypes.IBAN);
  }

  @Override
  public List<PiiEntity> recognize(PiiText t) {
    String text = t.text;
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = Scan.matcher(CANDIDATE, text);
    Offsets starts = new Offsets(t.ibanStarts.size());
    for (int k = 0; k < t.ibanStarts.size(); k++) {
      if (t.notAfter(t.ibanStarts.get(k), "-")) {
        starts.add(t.ibanStarts.get(k));
      }
    }
    for (int from = 0; Scan.findAt(m, starts, from, text.length()); from = Scan.next(m)) {
      String compact = m.group().replace(" ", "").toUpperCase(Locale.ROOT);
      Integer len = LENGTHS.get(compact.substring(0, 2));
      // A print-form match may have swallowed the next word; retry on the registered length.
      if (len == null || compact.length() < len) {
        continue;
      }
      int end = m.end();
      if (compact.length() > len) {
        end = endOfChars(text, m.start(), len);
        compact = compact.substring(0, len);
      }
      if (Checksums.ibanMod97(compact)) {
        out.add(new PiiEntity(EntityTypes.IBAN, m.start(), end, 0.95, "iban.mod97"));
      }
    }
    return out;
  }

  private static int endOfChars(String text, int from, int n) {
    int i = from;
    int seen = 0;
    while (seen < n) {
      if (text.charAt(i) != ' ') {
        seen++;
      }
      i++;
    }
    return i;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("iban", "account", "bank", "compte", "konto", "cuenta", "virement", "überweisung", "transfer");
  }
}
