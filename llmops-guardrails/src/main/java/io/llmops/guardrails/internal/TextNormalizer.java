package io.llmops.guardrails.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Undoes the usual obfuscations before rule matching: invisible and bidirectional control characters, Unicode
 * compatibility forms (fullwidth letters, ligatures: NFKC), diacritics, leetspeak digits and letters spaced apart
 * ("i g n o r e"). Also decodes Unicode tag characters (U+E0020–U+E007E), which render as nothing but spell ASCII
 * text a model still reads. Stateless and thread-safe.
 */
public final class TextNormalizer {
  /** The memo of the scope open on this thread, if any. */
  private static final ThreadLocal<Memo> MEMO = new ThreadLocal<>();
  private static final int MEMO_SLOTS = 4;

  private TextNormalizer() {}

  /**
   * Results of {@link #fold} and {@link #deobfuscate} kept for the length of one request. Design note: in a pipeline
   * the toxicity and injection rails both fold and de-obfuscate the same prompt (the injection detector folds it
   * twice more inside {@code deobfuscate}); within a {@link Scope} each is computed once. Entries are keyed by
   * identity: the rails see the very {@code String} the pipeline hands them, and an identity miss only costs a
   * recomputation. Nothing outlives the scope, so no prompt stays reachable from a thread after the request.
   */
  private static final class Memo {
    final Ring fold = new Ring();
    final Ring deobfuscate = new Ring();
  }

  /** The last {@link #MEMO_SLOTS} results of one function, keyed by identity, oldest replaced first. */
  private static final class Ring {
    private final String[] in = new String[MEMO_SLOTS];
    private final String[] out = new String[MEMO_SLOTS];
    private int next;

    String apply(String key, UnaryOperator<String> function) {
      for (int i = 0; i < MEMO_SLOTS; i++) {
        if (in[i] == key) {
          return out[i];
        }
      }
      String value = function.apply(key);
      in[next] = key;
      out[next] = value;
      next = (next + 1) % MEMO_SLOTS;
      return value;
    }
  }

  /**
   * A request scope during which {@link #fold} and {@link #deobfuscate} results are shared between callers on this
   * thread. Close it (try-with-resources) on the thread that opened it; nested scopes share the outermost one.
   */
  public static final class Scope implements AutoCloseable {
    private final boolean owner;

    private Scope(boolean owner) {
      this.owner = owner;
    }

    /** Ends the scope, dropping its results if this is the outermost one. */
    @Override
    public void close() {
      if (owner) {
        MEMO.remove();
      }
    }
  }

  /**
   * Opens a request scope on this thread (see {@link Scope}).
   *
   * @return the scope, to close when the request is done
   */
  public static Scope openScope() {
    if (MEMO.get() != null) {
      return new Scope(false);
    }
    MEMO.set(new Memo());
    return new Scope(true);
  }

  private static boolean isPlainAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c > 0x7E || (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns whether a code point is invisible in rendering yet present for a model: zero-width and joiner characters,
   * word joiner and invisible operators, BOM, bidi embeddings/overrides/isolates, soft hyphen, tag characters.
   *
   * @param cp the code point
   * @return {@code true} if invisible
   */
  public static boolean isInvisible(int cp) {
    return (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064)
        || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF || cp == 0x00AD || cp == 0x180E || cp == 0x034F
        || (cp >= 0xE0000 && cp <= 0xE007F);
  }

  /**
   * Returns the ASCII text hidden in Unicode tag characters, or an empty string when there is none.
   *
   * @param text the text
   * @return the decoded tag text
   */
  public static String decodeTags(String text) {
    StringBuilder sb = new StringBuilder();
    text.codePoints().filter(cp -> cp >= 0xE0020 && cp <= 0xE007E).forEach(cp -> sb.append((char) (cp - 0xE0000)));
    return sb.toString();
  }

  /**
   * Removes invisible characters.
   *
   * @param text the text
   * @return the visible text
   */
  public static String stripInvisible(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    text.codePoints().filter(cp -> !isInvisible(cp)).forEach(sb::appendCodePoint);
    return sb.toString();
  }

  /**
   * Normalises for matching: invisible characters removed, NFKC, lower case, diacritics folded, whitespace collapsed.
   * Leetspeak is left alone (see {@link #deobfuscate}).
   *
   * @param text the text
   * @return the normalised text
   */
  public static String fold(String text) {
    Memo memo = MEMO.get();
    return memo == null ? computeFold(text) : memo.fold.apply(text, TextNormalizer::computeFold);
  }

  private static String computeFold(String text) {
    if (isPlainAscii(text)) {
      // Fast path: NFKC and accent folding change nothing in printable ASCII.
      return collapseWhitespace(text.toLowerCase(Locale.ROOT));
    }
    String s = Normalizer.normalize(stripInvisible(text), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    return s.replace('ß', 's').replace('’', '\'').replaceAll("\\s+", " ");
  }

  /** {@code \\s+} to one space without a regular expression (ASCII text: \\s is [ \\t\\n\\x0B\\f\\r]). */
  private static String collapseWhitespace(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isAsciiSpace(c) && (c != ' ' || i + 1 < s.length() && isAsciiSpace(s.charAt(i + 1)))) {
        if (sb == null) {
          sb = new StringBuilder(s.length()).append(s, 0, i);
        }
        sb.append(' ');
        while (i + 1 < s.length() && isAsciiSpace(s.charAt(i + 1))) {
          i++;
        }
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static boolean isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /**
   * Normalises harder, for lexicon matching: {@link #fold}, then leetspeak digits and symbols mapped to letters,
   * letters separated by single spaces, dots, dashes or underscores joined ("k.i.l.l" → "kill"), and runs of one
   * letter shortened to two ("hellllo" → "hello").
   *
   * @param text the text
   * @return the de-obfuscated text
   */
  public static String deobfuscate(String text) {
    Memo memo = MEMO.get();
    return memo == null ? computeDeobfuscate(text) : memo.deobfuscate.apply(text, TextNormalizer::computeDeobfuscate);
  }

  private static String computeDeobfuscate(String text) {
    String s = fold(text);
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean inWord = (i > 0 && Character.isLetter(s.charAt(i - 1)))
          || (i + 1 < s.length() && Character.isLetter(s.charAt(i + 1)));
      sb.append(inWord ? leet(c) : c);
    }
    s = joinSpacedLetters(sb.toString());
    // Shorten runs of one letter to two ("hellllo" -> "hello"), in one pass.
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int n = out.length();
      if (Character.isLetter(c) && n >= 2 && out.charAt(n - 1) == c && out.charAt(n - 2) == c) {
        continue;
      }
      out.append(c);
    }
    return out.toString();
  }

  private static char leet(char c) {
    switch (c) {
      case '0': return 'o';
      case '1': case '!': case '|': return 'i';
      case '3': return 'e';
      case '4': case '@': return 'a';
      case '5': case '$': return 's';
      case '7': case '+': return 't';
      case '8': return 'b';
      case '9': return 'g';
      default: return c;
    }
  }

  /** Joins runs of at least three single letters separated by one space, dot, dash, underscore or asterisk. */
  static String joinSpacedLetters(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    int n = s.length();
    while (i < n) {
      if (!isSingleLetter(s, i)) {
        out.append(s.charAt(i++));
        continue;
      }
      // Count the run: letter (sep letter)* where every letter stands alone.
      int j = i;
      int letters = 1;
      while (j + 2 < n && " ._-*".indexOf(s.charAt(j + 1)) >= 0 && isSingleLetter(s, j + 2)) {
        j += 2;
        letters++;
      }
      if (letters >= 3) {
        for (int k = i; k <= j; k += 2) {
          out.append(s.charAt(k));
        }
      } else {
        out.append(s, i, j + 1);
      }
      i = j + 1;
    }
    return out.toString();
  }

  private static boolean isSingleLetter(String s, int i) {
    return Character.isLetter(s.charAt(i)) && (i == 0 || !Character.isLetter(s.charAt(i - 1)))
        && (i + 1 == s.length() || !Character.isLetter(s.charAt(i + 1)));
  }
}
