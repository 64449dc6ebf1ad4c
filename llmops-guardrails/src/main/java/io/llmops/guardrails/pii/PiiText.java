package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import java.util.Locale;

/**
 * A text prepared once for every built-in recognizer. Design note: each recognizer runs a regular expression only
 * where a match can start (see {@link Scan}); finding those offsets used to be one predicate call per char per
 * pattern (ten recognizers, fourteen patterns over the same text). One pass over the chars here records them all by
 * character class, and each recognizer then tries its pattern at its few listed offsets. The lists are supersets of
 * the offsets each pattern's lookbehind and first chars accept, so the matches are exactly those of
 * {@link java.util.regex.Matcher#find()}. Not thread-safe; one per analysed text.
 */
final class PiiText {
  final String text;
  /** A digit, '+' or '(' not preceded by an ASCII word char: numbers (phones, cards, SSNs, IPv4, base58). */
  final Offsets numberStarts;
  /** Two hex digits not preceded by an ASCII word char: MAC addresses. */
  final Offsets hexPairStarts;
  /** Two ASCII letters then two digits, not preceded by an ASCII word char: IBANs. */
  final Offsets ibanStarts;
  /** A char two before a '1', not preceded by an ASCII word char: bech32 ({@code bc1…}). */
  final Offsets bech32Starts;
  /** Upper-case letters not preceded by a letter, digit, '_', '@' or '.': capitalised words. */
  final Offsets capitalStarts;
  /** Honorific initials ({@code MDPHFSsmdp}: also lower-case titles such as "docteur", "señor") not preceded by a letter. */
  final Offsets honorificStarts;
  /** Starts of runs of {@code [a-z0-9-]} followed by a dot, not preceded by {@code [A-Za-z0-9./@:_-]}: bare hosts. */
  final Offsets bareHostStarts;
  final int digits;
  final boolean hasAt;
  final boolean hasDot;
  final boolean hasColon;
  private final boolean ascii;
  private String asciiLower;
  private String lower;

  private PiiText(String text) {
    this.text = text;
    int n = text.length();
    int cap = Math.max(8, n / 128);
    numberStarts = new Offsets(cap);
    hexPairStarts = new Offsets(cap);
    ibanStarts = new Offsets(4);
    bech32Starts = new Offsets(4);
    capitalStarts = new Offsets(cap);
    honorificStarts = new Offsets(cap);
    bareHostStarts = new Offsets(4);
    int digitCount = 0;
    boolean at = false;
    boolean dot = false;
    boolean colon = false;
    boolean ascii = true;
    boolean prevWord = false; // the char before i is an ASCII word char
    boolean prevLetter = false; // ... a letter (Character.isLetter)
    int hostRun = -1; // start of the current [a-z0-9-] run, if it may start a bare host
    char prev = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      boolean asciiLetter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
      if (digit) {
        digitCount++;
      }
      if (!prevWord) {
        if (digit || c == '+' || c == '(') {
          numberStarts.add(i);
        }
        if (Scan.hexAt(text, i) && Scan.hexAt(text, i + 1)) {
          hexPairStarts.add(i);
        }
        if (asciiLetter && Scan.asciiLetterAt(text, i + 1) && Scan.digitAt(text, i + 2) && Scan.digitAt(text, i + 3)) {
          ibanStarts.add(i);
        }
        if (i + 2 < n && text.charAt(i + 2) == '1') {
          bech32Starts.add(i);
        }
      }
      if (Character.isUpperCase(c) && !(prevLetter || prev >= '0' && prev <= '9' || prev == '_' || prev == '@'
          || prev == '.' || Character.isDigit(prev))) {
        capitalStarts.add(i);
      }
      if (!prevLetter && "MDPHFSsmdp".indexOf(c) >= 0) {
        honorificStarts.add(i);
      }
      boolean hostChar = c >= 'a' && c <= 'z' || digit || c == '-';
      if (hostChar) {
        if (i == 0 || !(prev >= 'a' && prev <= 'z' || prev >= '0' && prev <= '9' || prev == '-')) {
          hostRun = i == 0 || !(prevWord || "./@:-_".indexOf(prev) >= 0) ? i : -1;
        }
      } else {
        if (c == '.' && hostRun >= 0) {
          bareHostStarts.add(hostRun);
        }
        hostRun = -1;
      }
      ascii &= c < 0x80;
      at |= c == '@';
      dot |= c == '.';
      colon |= c == ':';
      prevWord = asciiLetter || digit || c == '_';
      prevLetter = Character.isLetter(c);
      prev = c;
    }
    digits = digitCount;
    hasAt = at;
    hasDot = dot;
    hasColon = colon;
    this.ascii = ascii;
  }

  static PiiText of(String text) {
    return new PiiText(text);
  }

  /** The text with A–Z lower-cased, offsets kept (see {@link Scan#asciiLower}). */
  String asciiLower() {
    if (asciiLower == null) {
      asciiLower = Scan.asciiLower(text);
    }
    return asciiLower;
  }

  /** {@code text.toLowerCase(Locale.ROOT)}, for context words. */
  String lower() {
    if (lower == null) {
      // For ASCII text toLowerCase is the ASCII mapping: share the one copy.
      lower = ascii ? asciiLower() : text.toLowerCase(Locale.ROOT);
    }
    return lower;
  }

  /**
   * Returns the {@link #numberStarts} that are ASCII digits not preceded by one of {@code extra} either: the starts of
   * a pattern opening with {@code (?<![\\w...])\\d}.
   *
   * @param extra the chars besides {@code \\w} the pattern's lookbehind excludes
   * @return the offsets
   */
  Offsets digitStarts(String extra) {
    Offsets out = new Offsets(numberStarts.size());
    for (int k = 0; k < numberStarts.size(); k++) {
      int i = numberStarts.get(k);
      if (Scan.digitAt(text, i) && notAfter(i, extra)) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Returns the {@link #digitStarts(String)} whose run of {@code runChars} (digits and separators) holds at least
   * {@code minDigits} digits. Every match of a pattern over those chars that starts in a run lies inside it, so when
   * a recognizer discards matches with fewer digits, skipping such runs finds exactly the same entities.
   *
   * @param extra the chars besides {@code \\w} the pattern's lookbehind excludes
   * @param runChars the non-digit chars a match can hold
   * @param minDigits the fewest digits a kept match has
   * @return the offsets
   */
  Offsets digitStarts(String extra, String runChars, int minDigits) {
    Offsets out = new Offsets(numberStarts.size());
    for (int k = 0; k < numberStarts.size(); k++) {
      int i = numberStarts.get(k);
      if (Scan.digitAt(text, i) && notAfter(i, extra) && digitsInRun(i, runChars, minDigits)) {
        out.add(i);
      }
    }
    return out;
  }

  /** Whether the run of digits and {@code runChars} from {@code i} holds at least {@code min} digits. */
  boolean digitsInRun(int i, String runChars, int min) {
    int d = 0;
    for (int j = i; j < text.length() && d < min; j++) {
      char c = text.charAt(j);
      if (c >= '0' && c <= '9') {
        d++;
      } else if (runChars.indexOf(c) < 0) {
        break;
      }
    }
    return d >= min;
  }

  /**
   * Returns the {@link #hexPairStarts} not preceded by one of {@code extra} either.
   *
   * @param extra the chars besides {@code \\w} the pattern's lookbehind excludes
   * @return the offsets
   */
  Offsets hexPairStarts(String extra) {
    Offsets out = new Offsets(hexPairStarts.size());
    for (int k = 0; k < hexPairStarts.size(); k++) {
      int i = hexPairStarts.get(k);
      if (notAfter(i, extra)) {
        out.add(i);
      }
    }
    return out;
  }

  /**
   * Whether the char before {@code i} is neither an ASCII word char nor one of {@code extra}.
   *
   * @param i an offset
   * @param extra the other excluded chars
   * @return whether a match may start at {@code i}
   */
  boolean notAfter(int i, String extra) {
    return Scan.notAfter(text, i, extra);
  }
}
