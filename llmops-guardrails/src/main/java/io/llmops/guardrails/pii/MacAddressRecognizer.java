package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IEEE 802 MAC-48 addresses in the three usual notations: colon- or dash-separated pairs (one separator throughout)
 * and Cisco dotted quads of hex ({@code 0011.2233.4455}). A Cisco form made of decimal digits only needs context.
 */
final class MacAddressRecognizer implements BuiltInRecognizer {
  private static final Pattern PAIRS =
      Pattern.compile("(?<![\\w:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\\1){4}[0-9A-Fa-f]{2}(?![\\w:-])");
  private static final Pattern CISCO =
      Pattern.compile("(?<![\\w.])[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}(?![\\w]|\\.\\w)");

  @Override
  public String name() {
    return "mac_address";
  }

  @Override
  public Set<String> supportedTypes() {
    return Set.of(EntityTypes.MAC_ADDRESS);
  }

  @Override
  public List<PiiEntity> recognize(PiiText t) {
    String text = t.text;
    List<PiiEntity> out = new ArrayList<>();
    if (t.hexPairStarts.size() == 0) {
      return out;
    }
    Matcher m = Scan.matcher(PAIRS, text);
    Offsets pairs = t.hexPairStarts(":-");
    for (int from = 0; Scan.findAt(m, pairs, from, text.length()); from = Scan.next(m)) {
      // Six decimal pairs separated by colons are as likely a timestamp with fractions; require a hex letter or ':'.
      boolean hexLetter = hasHexLetter(text, m.start(), m.end());
      double score = hexLetter ? 0.85 : 0.4;
      out.add(new PiiEntity(EntityTypes.MAC_ADDRESS, m.start(), m.end(), score, "mac_address.pairs"));
    }
    m = Scan.matcher(CISCO, text);
    Offsets quads = t.hexPairStarts(".");
    for (int from = 0; Scan.findAt(m, quads, from, text.length()); from = Scan.next(m)) {
      boolean hexLetter = hasHexLetter(text, m.start(), m.end());
      out.add(new PiiEntity(EntityTypes.MAC_ADDRESS, m.start(), m.end(), hexLetter ? 0.75 : 0.3, "mac_address.cisco"));
    }
    return out;
  }

  /** Whether a matched address holds a letter (its other chars are hex digits and separators). */
  private static boolean hasHexLetter(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Scan.asciiLetterAt(text, i)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("mac", "hardware address", "ethernet", "wifi", "wi-fi", "adapter", "nic", "device");
  }
}
