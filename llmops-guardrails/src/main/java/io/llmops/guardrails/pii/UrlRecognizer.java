package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web addresses: any {@code http(s)://} or {@code ftp://} URL, any {@code www.} host, and bare host names under a
 * short list of common TLDs (lower score: a bare "example.com" is a URL, "file.txt" is not). Trailing sentence
 * punctuation and an unbalanced closing bracket are left out of the span.
 */
final class UrlRecognizer implements BuiltInRecognizer {
  private static final Pattern SCHEME = Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s<>\"'`]+");
  private static final Pattern WWW = Pattern.compile("(?i)(?<![\\w./@-])www\\.[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+"
      + "(?:[/?#][^\\s<>\"'`]*)?");
  private static final Pattern BARE = Pattern.compile("(?<![\\w./@:-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
      + "(?:com|org|net|edu|gov|io|co|uk|de|fr|es|eu|info|biz|ai|dev|app|ch|nl|be|it)"
      + "(?:/[^\\s<>\"'`]*)?(?![\\w@-])");

  @Override
  public String name() {
    return "url";
  }

  @Override
  public Set<String> supportedTypes() {
    return Set.of(EntityTypes.URL);
  }

  @Override
  public List<PiiEntity> recognize(PiiText t) {
    if (!t.hasDot) {
      return List.of();
    }
    String text = t.text;
    List<PiiEntity> out = new ArrayList<>();
    // Each pattern runs only where it can start (see Scan): "://" three to five chars on, "www.", or a host label
    // followed by a dot at the start of a word (listed by PiiText).
    Offsets scheme = new Offsets(4);
    for (int c = text.indexOf("://"); c >= 0; c = text.indexOf("://", c + 1)) {
      for (int i = Math.max(scheme.size() == 0 ? 0 : scheme.get(scheme.size() - 1) + 1, c - 5); i <= c - 3; i++) {
        scheme.add(i);
      }
    }
    add(out, text, SCHEME, scheme, 0.9, "url.scheme");
    Offsets www = new Offsets(4);
    String lower = t.asciiLower();
    for (int i = lower.indexOf("www."); i >= 0; i = lower.indexOf("www.", i + 1)) {
      www.add(i);
    }
    add(out, text, WWW, www, 0.85, "url.www");
    add(out, text, BARE, t.bareHostStarts, 0.6, "url.bare");
    return out;
  }

  private static void add(List<PiiEntity> out, String text, Pattern p, Offsets starts, double score, String rule) {
    Matcher m = Scan.matcher(p, text);
    for (int from = 0; Scan.findAt(m, starts, from, text.length()); from = Scan.next(m)) {
      int end = trimEnd(text, m.start(), m.end());
      if (end - m.start() > 4) {
        out.add(new PiiEntity(EntityTypes.URL, m.start(), end, score, rule));
      }
    }
  }

  private static int trimEnd(String text, int start, int end) {
    while (end > start) {
      char c = text.charAt(end - 1);
      if (".,;:!?".indexOf(c) >= 0) {
        end--;
      } else if (c == ')' && count(text, start, end, '(') < count(text, start, end, ')')) {
        end--;
      } else if (c == ']' || c == '}' || c == '>') {
        end--;
      } else {
        break;
      }
    }
    return end;
  }

  private static int count(String s, int from, int to, char c) {
    int n = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("url", "link", "website", "site", "lien", "enlace", "webseite", "visit", "profile");
  }
}
