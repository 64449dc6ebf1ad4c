package io.llmops.guardrails.internal;

import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a regular expression only where a match can start. Design note: {@link Matcher#find()} tries the whole
 * pattern at every offset, which for patterns opening with a lookbehind or a long alternation costs tens of
 * nanoseconds per character per pattern. When the caller knows a cheap necessary condition on the first character of
 * a match (a digit, a letter pair, a keyword occurrence), trying {@link Matcher#lookingAt()} at only those offsets,
 * with transparent bounds (lookarounds still see the whole text) and without anchoring bounds, returns exactly the
 * matches {@code find()} would, in the same order. Stateless and thread-safe; matchers are not.
 */
public final class Scan {
  private Scan() {}

  /**
   * Returns a matcher over {@code text} set up for {@link #find}.
   *
   * @param pattern the pattern
   * @param text the text
   * @return the matcher
   */
  public static Matcher matcher(Pattern pattern, CharSequence text) {
    return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
  }

  /**
   * Finds the next match starting at or after {@code from} at an offset accepted by {@code startOk}.
   *
   * @param m a matcher from {@link #matcher}
   * @param from the first offset to try
   * @param startOk a necessary condition on the start offset of any match
   * @return whether a match was found; {@code m} then holds it
   */
  public static boolean find(Matcher m, int from, IntPredicate startOk) {
    m.reset();
    return find(m, from, m.regionEnd(), startOk);
  }

  /**
   * Finds the next match lying in [{@code from}, {@code to}) and starting at an offset accepted by {@code startOk}.
   *
   * @param m a matcher from {@link #matcher}
   * @param from the first offset to try
   * @param to the end of the window; a match must end at or before it
   * @param startOk a necessary condition on the start offset of any match
   * @return whether a match was found; {@code m} then holds it
   */
  public static boolean find(Matcher m, int from, int to, IntPredicate startOk) {
    int n = to;
    for (int i = from; i <= n; i++) {
      if (startOk.test(i)) {
        m.region(i, n);
        if (m.lookingAt()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Finds the next match starting at one of the listed offsets, at or after {@code from}. The offsets come from one
   * cheap pass over the text (see the PII analyzer's shared scan), so no per-offset predicate runs here: a loop over
   * an {@code int[]} instead of a megamorphic {@link IntPredicate} call per char.
   *
   * @param m a matcher from {@link #matcher}
   * @param starts candidate start offsets, ascending; a necessary condition on the start of any match
   * @param from the first offset to try
   * @param to the end of the window; a match must end at or before it
   * @return whether a match was found; {@code m} then holds it
   */
  public static boolean findAt(Matcher m, Offsets starts, int from, int to) {
    int[] a = starts.values;
    for (int k = starts.firstAtOrAfter(from); k < starts.size; k++) {
      if (a[k] > to) {
        return false;
      }
      m.region(a[k], to);
      if (m.lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A growable, ascending list of offsets into a text. Not thread-safe; one per text being scanned.
   */
  public static final class Offsets {
    private int[] values;
    private int size;

    /**
     * Creates an empty list.
     *
     * @param capacity the initial capacity
     */
    public Offsets(int capacity) {
      values = new int[Math.max(4, capacity)];
    }

    /**
     * Appends an offset, larger than every one before it.
     *
     * @param offset the offset
     */
    public void add(int offset) {
      if (size == values.length) {
        values = java.util.Arrays.copyOf(values, 2 * size);
      }
      values[size++] = offset;
    }

    /**
     * Returns how many offsets there are.
     *
     * @return the count
     */
    public int size() {
      return size;
    }

    /**
     * Returns the {@code k}-th offset.
     *
     * @param k an index below {@link #size()}
     * @return the offset
     */
    public int get(int k) {
      return values[k];
    }

    /**
     * Returns the index of the first offset at or after {@code from} (binary search).
     *
     * @param from an offset
     * @return an index in [0, {@link #size()}]
     */
    public int firstAtOrAfter(int from) {
      int lo = 0;
      int hi = size;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (values[mid] < from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }

  /**
   * Returns the offset to resume searching from after the match {@code m} holds (one past an empty match).
   *
   * @param m the matcher
   * @return the next offset
   */
  public static int next(Matcher m) {
    return m.end() == m.start() ? m.end() + 1 : m.end();
  }

  /**
   * Marks the offsets where one of the keywords occurs in {@code haystack}: a start condition for {@link #find} on a
   * pattern that opens with an alternation of those keywords.
   *
   * @param haystack the text (for a {@code (?i)} pattern, {@link #asciiLower} of it, with lower-case keywords)
   * @param keywords the keywords
   * @return a mask of {@code haystack.length() + 1} flags
   */
  public static boolean[] keywordStarts(String haystack, Iterable<String> keywords) {
    boolean[] mask = new boolean[haystack.length() + 1];
    for (String k : keywords) {
      for (int i = haystack.indexOf(k); i >= 0; i = haystack.indexOf(k, i + 1)) {
        mask[i] = true;
      }
    }
    return mask;
  }

  /**
   * Returns whether the char before {@code i} is neither an ASCII word char ({@code \\w}) nor one of {@code extra}:
   * a pattern's {@code (?<![\\w...])} lookbehind as a start condition.
   *
   * @param s the text
   * @param i an offset
   * @param extra the other chars the lookbehind excludes
   * @return whether a match may start at {@code i}
   */
  public static boolean notAfter(CharSequence s, int i, String extra) {
    return i == 0 || !asciiWordAt(s, i - 1) && extra.indexOf(s.charAt(i - 1)) < 0;
  }

  private static boolean asciiWordAt(CharSequence s, int i) {
    return asciiLetterAt(s, i) || digitAt(s, i) || s.charAt(i) == '_';
  }

  /**
   * Returns whether the char at {@code i} is an ASCII digit.
   *
   * @param s the text
   * @param i an offset; out-of-range offsets give {@code false}
   * @return whether it is a digit
   */
  public static boolean digitAt(CharSequence s, int i) {
    if (i < 0 || i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return c >= '0' && c <= '9';
  }

  /**
   * Returns whether the char at {@code i} is an ASCII hexadecimal digit.
   *
   * @param s the text
   * @param i an offset; out-of-range offsets give {@code false}
   * @return whether it is a hex digit
   */
  public static boolean hexAt(CharSequence s, int i) {
    if (i < 0 || i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /**
   * Returns whether the char at {@code i} is an ASCII letter.
   *
   * @param s the text
   * @param i an offset; out-of-range offsets give {@code false}
   * @return whether it is an ASCII letter
   */
  public static boolean asciiLetterAt(CharSequence s, int i) {
    if (i < 0 || i >= s.length()) {
      return false;
    }
    char c = s.charAt(i);
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  /**
   * Lower-cases ASCII letters only, keeping every offset (unlike {@link String#toLowerCase}, which can change the
   * length): the right haystack for keywords of a {@code (?i)} pattern, whose case folding is ASCII-only too.
   *
   * @param s the text
   * @return the text with A–Z mapped to a–z
   */
  public static String asciiLower(String s) {
    char[] c = s.toCharArray();
    for (int i = 0; i < c.length; i++) {
      if (c[i] >= 'A' && c[i] <= 'Z') {
        c[i] = (char) (c[i] + 32);
      }
    }
    return new String(c);
  }
}
