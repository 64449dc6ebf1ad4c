package io.llmops.guardrails.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Oracle: {@link Matcher#find()} over the whole text must give the same matches as {@link Scan#find}. */
class ScanTest {
  private static final List<String> TEXTS = List.of("", "4526 0181 5908 3012 and 536-22-1234, v1.2.3, 10.0.0.1/24",
      "order 12345678901 ref 4111-1111-1111-1111x 3C:22:FB:9A:10:7E 2001:db8::1.", "a1b2 c3 ((+44) 20 7946 0958",
      "Hi, my name is Ana. MY NAME IS Bob. je m'appelle Zoé, ich heiße Jörg");

  private static List<String> plain(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.start() + ":" + m.group());
    }
    return out;
  }

  private static List<String> scanned(Pattern p, String text, IntPredicate startOk) {
    List<String> out = new ArrayList<>();
    Matcher m = Scan.matcher(p, text);
    for (int from = 0; Scan.find(m, from, startOk); from = Scan.next(m)) {
      out.add(m.start() + ":" + m.group());
    }
    return out;
  }

  /** Scan.findAt over the offsets a predicate accepts, listed up front as the PII analyzer's shared pass does. */
  private static List<String> listed(Pattern p, String text, IntPredicate startOk) {
    Scan.Offsets starts = new Scan.Offsets(4);
    for (int i = 0; i <= text.length(); i++) {
      if (startOk.test(i)) {
        starts.add(i);
      }
    }
    List<String> out = new ArrayList<>();
    Matcher m = Scan.matcher(p, text);
    for (int from = 0; Scan.findAt(m, starts, from, text.length()); from = Scan.next(m)) {
      out.add(m.start() + ":" + m.group());
    }
    return out;
  }

  @Test
  void lookbehindsStillSeeTheWholeTextAndMatchesAreTheSame() {
    Pattern digits = Pattern.compile("(?<![\\w.,/-])\\d(?:[ -]?\\d){3,18}(?![\\w/-]|[.,]\\d)");
    Pattern hexPairs =
        Pattern.compile("(?<![\\w:-])[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\\1){4}[0-9A-Fa-f]{2}(?![\\w:-])");
    for (String t : TEXTS) {
      assertThat(scanned(digits, t, i -> Scan.digitAt(t, i))).isEqualTo(plain(digits, t));
      assertThat(scanned(hexPairs, t, i -> Scan.hexAt(t, i))).isEqualTo(plain(hexPairs, t));
      assertThat(listed(digits, t, i -> Scan.digitAt(t, i) && Scan.notAfter(t, i, ".,/-")))
          .isEqualTo(plain(digits, t));
      assertThat(listed(hexPairs, t, i -> Scan.hexAt(t, i) && Scan.hexAt(t, i + 1) && Scan.notAfter(t, i, ":-")))
          .isEqualTo(plain(hexPairs, t));
    }
  }

  @Test
  void keywordOffsetsOfAnAsciiCaseInsensitiveAlternation() {
    List<String> words = List.of("my name is", "je m'appelle", "ich heiße");
    Pattern p = Pattern.compile("(?i:" + String.join("|", words) + ")\\s+(\\p{Lu}\\p{L}+)");
    for (String t : TEXTS) {
      boolean[] starts = Scan.keywordStarts(Scan.asciiLower(t), words);
      assertThat(scanned(p, t, i -> starts[i])).isEqualTo(plain(p, t));
    }
    assertThat(scanned(p, TEXTS.get(4), i -> true)).hasSize(4);
  }

  @Test
  void windowedFindKeepsMatchesInsideTheWindow() {
    String t = "alpha beta gamma beta";
    Matcher m = Scan.matcher(Pattern.compile("\\bbeta\\b"), t);
    assertThat(Scan.find(m, 0, 10, i -> true)).isTrue();
    assertThat(m.start()).isEqualTo(6);
    assertThat(Scan.find(m, 7, 20, i -> true)).isFalse(); // the second "beta" ends at 21, past the window
    assertThat(Scan.find(m, 7, 21, i -> true)).isTrue();
  }

  @Test
  void asciiLowerKeepsEveryOffset() {
    String s = "İSTANBUL Straße ÀB";
    assertThat(Scan.asciiLower(s)).hasSameSizeAs(s).isEqualTo("İstanbul straße Àb");
  }
}
