package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPv4 (dotted quad, each octet 0–255 without leading zeros) and IPv6 (RFC 4291 §2.2 text forms, including
 * {@code ::} compression and an embedded IPv4 tail; RFC 5952 zone ids are not matched). A dotted quad right after
 * "v" or "version" is a version number, not an address.
 */
final class IpAddressRecognizer implements BuiltInRecognizer {
  private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern V4 =
      Pattern.compile("(?<![\\w.])" + OCTET + "(?:\\." + OCTET + "){3}(?:/(?:3[0-2]|[12]?\\d))?(?![\\w]|\\.\\d)");
  private static final Pattern V4_EXACT = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
  private static final Pattern V6_CANDIDATE = Pattern.compile("(?<![\\w:.])[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?![\\w:])");
  /** Version and section vocabulary in EN/FR/DE/ES/IT/PT, matched on word starts. */
  private static final Pattern VERSION_CONTEXT = Pattern.compile("(?iu)(?<!\\p{L})(?:version|versi[oó]n|versione|"
      + "vers[aã]o|firmware|release|build|upgrad|update|patch|kubernetes|kernel|section|secci[oó]n|sezione|"
      + "se[cç][tç][aã]o|abschnitt|kapitel|chapter|chapitre|cap[ií]tulo|clause|article|artikel|art[ií]culo|"
      + "paragraph|paragraphe|absatz|p[aá]rrafo|§|rfc|iso|table|figure|fig\\.|step|[eé]tape|schritt|paso)");
  private static final Pattern VERSION_BEFORE =
      Pattern.compile("(?i)(?:\\bv|version\\s*|ver\\.?\\s*|release\\s*|build\\s*)$");

  @Override
  public String name() {
    return "ip_address";
  }

  @Override
  public Set<String> supportedTypes() {
    return Set.of(EntityTypes.IP_ADDRESS);
  }

  @Override
  public List<PiiEntity> recognize(PiiText t) {
    String text = t.text;
    List<PiiEntity> out = new ArrayList<>();
    Matcher m = Scan.matcher(V4, text);
    Offsets starts = t.digitStarts(".", "./", 4); // a dotted quad has at least 4 digits
    for (int from = 0; Scan.findAt(m, starts, from, text.length()); from = Scan.next(m)) {
      String before = text.substring(Math.max(0, m.start() - 10), m.start());
      if (VERSION_BEFORE.matcher(before).find()) {
        continue;
      }
      if (versionContext(text, m.start())) {
        // "firmware to 10.2.3.4", "Section 4.2.1.7", "versión 2.4.10.3": a version or section number; context
        // words ("server", "IP") can still raise it over the threshold.
        out.add(new PiiEntity(EntityTypes.IP_ADDRESS, m.start(), m.end(), 0.3, "ip_address.v4_version_context"));
        continue;
      }
      out.add(new PiiEntity(EntityTypes.IP_ADDRESS, m.start(), m.end(), 0.8, "ip_address.v4"));
    }
    if (t.hasColon) {
      m = Scan.matcher(V6_CANDIDATE, text);
      Offsets v6 = v6Starts(text);
      for (int from = 0; Scan.findAt(m, v6, from, text.length()); from = Scan.next(m)) {
        int end = m.end();
        // Sentence punctuation after an address: "at fe80::1." ends before the dot.
        while (end > m.start() && text.charAt(end - 1) == '.') {
          end--;
        }
        if (isIpv6(text.substring(m.start(), end))) {
          out.add(new PiiEntity(EntityTypes.IP_ADDRESS, m.start(), end, 0.8, "ip_address.v6"));
        }
      }
    }
    return out;
  }

  /** Whether a word naming a version, release or document section occurs within 40 chars before {@code start}. */
  static boolean versionContext(String text, int start) {
    return VERSION_CONTEXT.matcher(text.substring(Math.max(0, start - 40), start)).find();
  }

  private static boolean allHex(String x) {
    for (int i = 0; i < x.length(); i++) {
      if (!Scan.hexAt(x, i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Where a V6_CANDIDATE match can start: after its lookbehind, a run of address chars holding a ':'. Such a run
   * holds one of the text's colons, so only the runs around colons are visited.
   */
  private static Offsets v6Starts(String text) {
    Offsets out = new Offsets(8);
    int done = 0; // offsets below this were visited
    for (int c = text.indexOf(':'); c >= 0; c = text.indexOf(':', c + 1)) {
      int i = c;
      while (i > done && (Scan.hexAt(text, i - 1) || text.charAt(i - 1) == ':' || text.charAt(i - 1) == '.')) {
        i--;
      }
      for (i = Math.max(i, done); i <= c; i++) {
        if (v6Start(text, i)) {
          out.add(i);
        }
      }
      done = c + 1;
    }
    return out;
  }

  private static boolean v6Start(String text, int i) {
    if (i > 0) {
      char p = text.charAt(i - 1);
      if (p == ':' || p == '.' || p == '_' || Scan.asciiLetterAt(text, i - 1) || Scan.digitAt(text, i - 1)) {
        return false;
      }
    }
    for (int j = i; j < text.length() && (Scan.hexAt(text, j) || text.charAt(j) == ':' || text.charAt(j) == '.'); j++) {
      if (text.charAt(j) == ':') {
        return true;
      }
    }
    return false;
  }

  /** RFC 4291 §2.2: eight 16-bit hex groups, one "::" standing for one or more zero groups, optional IPv4 tail. */
  static boolean isIpv6(String s) {
    if (s.length() < 2 || s.length() > 45) {
      return false;
    }
    int dbl = s.indexOf("::");
    if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
      return false;
    }
    if (s.equals("::")) {
      return false; // the unspecified address alone is far more often punctuation or code
    }
    String head = dbl >= 0 ? s.substring(0, dbl) : s;
    String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
    int groups = 0;
    boolean v4Tail = false;
    for (String part : new String[] {head, tail}) {
      if (part.isEmpty()) {
        continue;
      }
      String[] g = part.split(":", -1);
      for (int i = 0; i < g.length; i++) {
        String x = g[i];
        if (x.contains(".")) {
          if (i != g.length - 1 || (part == head && dbl >= 0) || !V4_EXACT.matcher(x).matches()) {
            return false;
          }
          groups += 2;
          v4Tail = true;
        } else if (x.isEmpty() || x.length() > 4 || !allHex(x)) {
          return false;
        } else {
          groups++;
        }
      }
    }
    if (s.contains(".") && !v4Tail) {
      return false;
    }
    if (dbl >= 0) {
      // Compression must replace at least one group; require some hex to avoid "a::b" in prose being rare enough.
      return groups <= 7 && groups >= 1;
    }
    return groups == 8;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("ip", "address", "adresse", "dirección", "host", "server", "client", "ipv4", "ipv6");
  }
}
