package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IEEE 802 MAC-48 addresses in the three usual notations: colon- or dash-separated pairs (one separator throughout)
 * and Cisco dotted quads of hex ({@code 0011.2233.4455}). A Cisco form made of decimal digits only needs context.
 */
final class MacAddressRecognizer implements EntityRecognizer {
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
  public List<PiiEntity> recognize(String text) {
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = Scan.matcher(PAIRS, text);
    for (int from = 0; Scan.findNumber(m, text, from, ":-", true); from = Scan.next(m)) {
      String digits = m.group().replaceAll("[:-]", "");
      // Six decimal pairs separated by colons are as likely a timestamp with fractions; require a hex letter or ':'.
      boolean hexLetter = !digits.matches("\\d+");
      double score = hexLetter ? 0.85 : 0.4;
      out.add(new PiiEntity(EntityTypes.MAC_ADDRESS, m.start(), m.end(), score, "mac_address.pairs"));
    }
    m = Scan.matcher(CISCO, text);
    for (int from = 0; Scan.findNumber(m, text, from, ".", true); from = Scan.next(m)) {
      boolean hexLetter = !m.group().replace(".", "").matches("\\d+");
      out.add(new PiiEntity(EntityTypes.MAC_ADDRESS, m.start(), m.end(), hexLetter ? 0.75 : 0.3, "mac_address.cisco"));
    }
    return out;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("mac", "hardware address", "ethernet", "wifi", "wi-fi", "adapter", "nic", "device");
  }
}
