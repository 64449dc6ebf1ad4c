package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bitcoin addresses whose checksum verifies: legacy Base58Check ({@code 1…}, {@code 3…}) and SegWit bech32/bech32m
 * ({@code bc1…}, BIP-173/BIP-350). A random 34-char string passes Base58Check with probability 2^-32, so a match
 * is near certain.
 */
final class CryptoRecognizer implements BuiltInRecognizer {
  private static final Pattern BASE58 = Pattern.compile("(?<![\\w])[13][a-km-zA-HJ-NP-Z1-9]{25,34}(?![\\w])");
  private static final Pattern BECH32 = Pattern.compile("(?i)(?<![\\w])(?:bc|tb)1[ac-hj-np-z02-9]{8,87}(?![\\w])");

  @Override
  public String name() {
    return "crypto";
  }

  @Override
  public Set<String> supportedTypes() {
    return Set.of(EntityTypes.CRYPTO);
  }

  @Override
  public List<PiiEntity> recognize(PiiText t) {
    String text = t.text;
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = Scan.matcher(BASE58, text);
    Offsets ones = new Offsets(8);
    for (int k = 0; k < t.numberStarts.size(); k++) {
      int i = t.numberStarts.get(k);
      if (text.charAt(i) == '1' || text.charAt(i) == '3') {
        ones.add(i);
      }
    }
    for (int from = 0; Scan.findAt(m, ones, from, text.length()); from = Scan.next(m)) {
      if (Checksums.base58Check(m.group())) {
        out.add(new PiiEntity(EntityTypes.CRYPTO, m.start(), m.end(), 0.97, "crypto.btc_base58check"));
      }
    }
    m = Scan.matcher(BECH32, text);
    for (int from = 0; Scan.findAt(m, t.bech32Starts, from, text.length()); from = Scan.next(m)) {
      if (Checksums.bech32(m.group())) {
        out.add(new PiiEntity(EntityTypes.CRYPTO, m.start(), m.end(), 0.97, "crypto.btc_bech32"));
      }
    }
    return out;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("bitcoin", "btc", "wallet", "crypto", "address", "portefeuille");
  }
}
