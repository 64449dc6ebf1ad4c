package io.llmops.guardrails.injection;

import io.llmops.guardrails.internal.TextNormalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Hashed word and character n-gram features of a text, the input of the n-gram injection model.
 *
 * <p>Design note. The text is {@linkplain TextNormalizer#deobfuscate de-obfuscated} first (folded case and accents,
 * leetspeak mapped to letters, spaced letters joined), so "1gn0r3 y0ur rul3s" and "Ignorez vos règles" share
 * features with their plain forms. Tokens without a letter (numbers, dates, amounts) are skipped. Features: word
 * unigrams, word bigrams and character 3- to 5-grams inside each word padded with a boundary mark (as scikit-learn's
 * {@code char_wb}); character n-grams carry across inflections and
 * the four languages ("instruc" in instructions, instrucciones, Instruktionen). Each feature is hashed (FNV-1a, a seed
 * per kind) into {@link #DIM} buckets (the hashing trick, Weinberger et al. 2009) and counted; the vector is
 * L2-normalised so long and short prompts are comparable. No strings are built on the scoring path.
 *
 * <p>Stateless and thread-safe.
 */
final class NgramFeatures {
  /** Number of hash buckets (2^18): few collisions for the ~10^5 distinct n-grams of the training corpus. */
  static final int DIM = 1 << 18;
  private static final int MIN_N = 3;
  private static final int MAX_N = 5;
  private static final int SEED_WORD = 0x1234567;
  private static final int SEED_BIGRAM = 0x7654321;
  private static final int SEED_CHAR = 0x2468ace;

  private NgramFeatures() {}

  /** A sparse L2-normalised vector: sorted distinct indices and their values. */
  record Sparse(int[] index, float[] value) {
    double dot(float[] w) {
      double s = 0;
      for (int i = 0; i < index.length; i++) {
        s += (double) w[index[i]] * value[i];
      }
      return s;
    }
  }

  /** Features of a whole text. */
  static Sparse of(String text) {
    String s = TextNormalizer.deobfuscate(text);
    return vectorise(s, 0, s.length());
  }

  /** Features of {@code s[from, to)}, where {@code s} is already de-obfuscated. */
  static Sparse vectorise(String s, int from, int to) {
    int[] buf = new int[Math.max(16, (to - from) * 4)];
    int n = 0;
    int prevStart = -1;
    int prevEnd = -1;
    int i = from;
    while (i < to) {
      if (!wordChar(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < to && wordChar(s.charAt(i))) {
        i++;
      }
      int end = i;
      if (!hasLetter(s, start, end)) {
        continue; // numbers, dates, amounts: no signal, and they would dilute the normalisation
      }
      if (n + 2 + (end - start + 2) * (MAX_N - MIN_N + 1) > buf.length) {
        buf = Arrays.copyOf(buf, 2 * buf.length + (end - start + 2) * (MAX_N - MIN_N + 1) + 2);
      }
      buf[n++] = bucket(hash(SEED_WORD, s, start, end));
      if (prevStart >= 0) {
        int h = hash(SEED_BIGRAM, s, prevStart, prevEnd);
        h = mix(h ^ ' ');
        buf[n++] = bucket(continueHash(h, s, start, end));
      }
      n = charGrams(s, start, end, buf, n);
      prevStart = start;
      prevEnd = end;
    }
    return sparse(buf, n);
  }

  /** Character n-grams of the word {@code s[start, end)} padded as "<word>"; returns the new count. */
  private static int charGrams(String s, int start, int end, int[] out, int n) {
    int len = end - start + 2; // with both boundary marks
    for (int k = MIN_N; k <= MAX_N && k <= len; k++) {
      for (int p = 0; p + k <= len; p++) {
        int h = SEED_CHAR ^ k;
        for (int q = p; q < p + k; q++) {
          h = step(h, q == 0 ? '<' : q == len - 1 ? '>' : s.charAt(start + q - 1));
        }
        out[n++] = bucket(h);
      }
    }
    return n;
  }

  /** Counts repeated buckets and L2-normalises. */
  private static Sparse sparse(int[] buf, int n) {
    if (n == 0) {
      return new Sparse(new int[0], new float[0]);
    }
    int[] sorted = Arrays.copyOf(buf, n);
    Arrays.sort(sorted);
    int[] idx = new int[n];
    float[] val = new float[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      if (m > 0 && idx[m - 1] == sorted[i]) {
        val[m - 1]++;
      } else {
        idx[m] = sorted[i];
        val[m++] = 1;
      }
    }
    double norm = 0;
    for (int i = 0; i < m; i++) {
      norm += (double) val[i] * val[i];
    }
    float inv = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < m; i++) {
      val[i] *= inv;
    }
    return new Sparse(Arrays.copyOf(idx, m), Arrays.copyOf(val, m));
  }

  /**
   * The readable features of a text with their buckets, for explanations (slow path: builds strings).
   *
   * @return pairs of (feature, bucket), e.g. {@code "w:ignore"}, {@code "b:your rules"}, {@code "c:<ign"}
   */
  static List<Object[]> named(String text) {
    String s = TextNormalizer.deobfuscate(text);
    List<Object[]> out = new ArrayList<>();
    String prev = null;
    int prevStart = -1;
    int prevEnd = -1;
    int i = 0;
    while (i < s.length()) {
      if (!wordChar(s.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < s.length() && wordChar(s.charAt(i))) {
        i++;
      }
      if (!hasLetter(s, start, i)) {
        continue;
      }
      String w = s.substring(start, i);
      out.add(new Object[] {"w:" + w, bucket(hash(SEED_WORD, s, start, i))});
      if (prev != null) {
        int h = mix(hash(SEED_BIGRAM, s, prevStart, prevEnd) ^ ' ');
        out.add(new Object[] {"b:" + prev + " " + w, bucket(continueHash(h, s, start, i))});
      }
      int[] grams = new int[(w.length() + 2) * (MAX_N - MIN_N + 1)];
      int g = charGrams(s, start, i, grams, 0);
      String padded = "<" + w + ">";
      int at = 0;
      for (int k = MIN_N; k <= MAX_N && k <= padded.length(); k++) {
        for (int p = 0; p + k <= padded.length(); p++) {
          out.add(new Object[] {"c:" + padded.substring(p, p + k), grams[at++]});
        }
      }
      assert at == g;
      prev = w;
      prevStart = start;
      prevEnd = i;
    }
    return out;
  }

  private static boolean hasLetter(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (Character.isLetter(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  private static int hash(int seed, String s, int from, int to) {
    return continueHash(seed, s, from, to);
  }

  private static int continueHash(int h, String s, int from, int to) {
    for (int i = from; i < to; i++) {
      h = step(h, s.charAt(i));
    }
    return h;
  }

  /** One FNV-1a step (32-bit prime 16777619). */
  private static int step(int h, char c) {
    return (h ^ c) * 16777619;
  }

  private static int mix(int h) {
    return h * 0x9E3779B1;
  }

  private static int bucket(int h) {
    h ^= h >>> 15;
    h *= 0x2C1B3C6D;
    h ^= h >>> 12;
    return h & (DIM - 1);
  }
}
