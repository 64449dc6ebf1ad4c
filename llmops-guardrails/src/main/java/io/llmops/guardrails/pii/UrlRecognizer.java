package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Web addresses: any {@code http(s)://} or {@code ftp://} URL, any {@code www.} host, and bare host names under a
 * short list of common TLDs (lower score: a bare "example.com" is a URL, "file.txt" is not). Trailing sentence
 * punctuation and an unbalanced closing bracket are left out of the span.
 */
final class UrlRecognizer implements EntityRecognizer {
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
  public List<PiiEntity> recognize(String text) {
    if (text.indexOf('.') < 0) {
      return List.of();
    }
    List<PiiEntity> out = new ArrayList<>();
    // Each pattern runs only where it can start (see Scan): "://" three to five chars on, "www.", or a host label
    // followed by a dot at the start of a word.
    add(out, text, SCHEME, i -> text.startsWith("://", i + 3) || text.startsWith("://", i + 4)
        || text.startsWith("://", i + 5), 0.9, "url.scheme");
    add(out, text, WWW, i -> text.regionMatches(true, i, "www.", 0, 4), 0.85, "url.www");
    add(out, text, BARE, i -> bareStart(text, i), 0.6, "url.bare");
    return out;
  }

  private static boolean bareStart(String text, int i) {
    if (i > 0 && "./@:-_".indexOf(text.charAt(i - 1)) >= 0 || Scan.asciiLetterAt(text, i - 1)
        || Scan.digitAt(text, i - 1)) {
      return false;
    }
    int j = i;
    while (j < text.length() && (text.charAt(j) >= 'a' && text.charAt(j) <= 'z' || Scan.digitAt(text, j)
        || text.charAt(j) == '-')) {
      j++;
    }
    return j > i && j < text.length() && text.charAt(j) == '.';
  }

  private static void add(List<PiiEntity> out, String text, Pattern p, IntPredicate startOk, double score,
      String rule) {
    Matcher m = Scan.matcher(p, text);
    for (int from = 0; Scan.find(m, from, startOk); from = Scan.next(m)) {
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
