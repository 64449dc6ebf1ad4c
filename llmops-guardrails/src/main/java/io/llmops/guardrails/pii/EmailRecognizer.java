package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * E-mail addresses: RFC 5322 dot-atom local part (the practical subset) at a domain of at least two labels whose TLD
 * is alphabetic, so {@code pkg@1.2.3} (npm versions) and {@code user@localhost} are not matched.
 */
final class EmailRecognizer implements BuiltInRecognizer {
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![\\w.%+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,62}[A-Za-z0-9_%+-])?"
          + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}(?![\\w-]|\\.[A-Za-z0-9])");

  @Override
  public String name() {
    return "email";
  }

  @Override
  public Set<String> supportedTypes() {
    return Set.of(EntityTypes.EMAIL);
  }

  @Override
  public List<PiiEntity> recognize(PiiText t) {
    if (!t.hasAt) {
      return List.of();
    }
    String text = t.text;
    List<PiiEntity> out = new ArrayList<>();
    // A local part is at most 64 chars (RFC 5321 §4.5.3.1.1): a match can only start within 64 chars before an '@'.
    Offsets starts = new Offsets(64);
    int lastAt = -1;
    for (int a = text.indexOf('@'); a >= 0; a = text.indexOf('@', a + 1)) {
      for (int i = Math.max(lastAt + 1, a - 64); i <= a; i++) {
        if (t.notAfter(i, ".%+-")) {
          starts.add(i);
        }
      }
      lastAt = a;
    }
    Matcher m = Scan.matcher(EMAIL, text);
    for (int from = 0; Scan.findAt(m, starts, from, text.length()); from = Scan.next(m)) {
      String local = text.substring(m.start(), text.indexOf('@', m.start()));
      if (local.contains("..")) {
        continue;
      }
      out.add(new PiiEntity(EntityTypes.EMAIL, m.start(), m.end(), 0.95, "email"));
    }
    return out;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("email", "e-mail", "mail", "courriel", "correo", "contact");
  }
}
