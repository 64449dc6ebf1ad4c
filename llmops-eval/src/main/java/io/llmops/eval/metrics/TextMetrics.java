package io.llmops.eval.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reference-based text similarity, each as its reference implementation defines it. Stateless and thread-safe.
 *
 * <ul>
 *   <li>{@link #levenshteinSimilarity}: 1 - edit distance / longer length, over Unicode code points.
 *   <li>{@link #sentenceBleu}: BLEU-4 as sacreBLEU's {@code sentence_bleu} computes it: clipped n-gram precisions,
 *       brevity penalty, effective order (orders the hypothesis is too short for are dropped), and the {@code exp}
 *       smoothing of Chen &amp; Cherry (2014), method 3 / NIST: the k-th zero precision becomes 1/(2^k * total).
 *       Tokens are split on whitespace with punctuation split off (close to sacreBLEU's 13a tokenizer for plain
 *       text).
 *   <li>{@link #rougeL}: ROUGE-L F-measure (beta = 1) on longest common subsequence, as Google's {@code rouge_score}
 *       tokenizes: lower-cased, non-alphanumerics as separators, no stemming.
 *   <li>{@link #chrF}: chrF2 as sacreBLEU defines it: character 1- to 6-grams with whitespace removed, precision and
 *       recall averaged over the orders both sides have, then F-beta with beta = 2.
 * </ul>
 *
 * @since 0.1.0
 */
public final class TextMetrics {
  private TextMetrics() {}

  /**
   * Returns the Levenshtein distance in code points.
   *
   * @param a one text
   * @param b the other
   * @return insertions + deletions + substitutions
   */
  public static int levenshtein(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    int[] prev = new int[y.length + 1];
    int[] cur = new int[y.length + 1];
    for (int j = 0; j <= y.length; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length; i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length; j++) {
        int sub = prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length];
  }

  /**
   * Returns 1 - distance / max(length); 1 for two empty texts.
   *
   * @param a one text
   * @param b the other
   * @return similarity in [0, 1]
   */
  public static double levenshteinSimilarity(String a, String b) {
    int max = Math.max(a.codePointCount(0, a.length()), b.codePointCount(0, b.length()));
    return max == 0 ? 1 : 1 - (double) levenshtein(a, b) / max;
  }

  /**
   * Returns sentence BLEU-4 with exponential smoothing (see the class note), in [0, 1].
   *
   * @param hypothesis the output
   * @param reference the reference
   * @return BLEU in [0, 1] (sacreBLEU reports 100 times this)
   */
  public static double sentenceBleu(String hypothesis, String reference) {
    List<String> hyp = bleuTokens(hypothesis);
    List<String> ref = bleuTokens(reference);
    if (hyp.isEmpty() || ref.isEmpty()) {
      return 0;
    }
    int maxOrder = 4;
    double logSum = 0;
    int effectiveOrder = 0;
    double smooth = 1;
    for (int n = 1; n <= maxOrder; n++) {
      int total = Math.max(0, hyp.size() - n + 1);
      if (total == 0) {
        break; // effective order: sacreBLEU's sentence_bleu drops orders the hypothesis cannot have
      }
      Map<List<String>, Integer> refCounts = ngrams(ref, n);
      int correct = 0;
      for (Map.Entry<List<String>, Integer> e : ngrams(hyp, n).entrySet()) {
        correct += Math.min(e.getValue(), refCounts.getOrDefault(e.getKey(), 0));
      }
      double p;
      if (correct == 0) {
        smooth *= 2;
        p = 1 / (smooth * total);
      } else {
        p = (double) correct / total;
      }
      logSum += Math.log(p);
      effectiveOrder++;
    }
    double bp = hyp.size() >= ref.size() ? 1 : Math.exp(1 - (double) ref.size() / hyp.size());
    return bp * Math.exp(logSum / effectiveOrder);
  }

  /**
   * Returns the ROUGE-L F-measure.
   *
   * @param hypothesis the output
   * @param reference the reference
   * @return F1 of LCS precision and recall, in [0, 1]
   */
  public static double rougeL(String hypothesis, String reference) {
    List<String> h = rougeTokens(hypothesis);
    List<String> r = rougeTokens(reference);
    if (h.isEmpty() || r.isEmpty()) {
      return 0;
    }
    int lcs = lcs(h, r);
    if (lcs == 0) {
      return 0;
    }
    double p = (double) lcs / h.size();
    double rec = (double) lcs / r.size();
    return 2 * p * rec / (p + rec);
  }

  /**
   * Returns chrF2 (sacreBLEU defaults: char order 6, word order 0, beta 2, whitespace removed).
   *
   * @param hypothesis the output
   * @param reference the reference
   * @return chrF in [0, 1] (sacreBLEU reports 100 times this)
   */
  public static double chrF(String hypothesis, String reference) {
    int[] h = hypothesis.codePoints().filter(c -> !Character.isWhitespace(c)).toArray();
    int[] r = reference.codePoints().filter(c -> !Character.isWhitespace(c)).toArray();
    double beta2 = 4;
    double avgP = 0;
    double avgR = 0;
    int effective = 0;
    for (int n = 1; n <= 6; n++) {
      Map<String, Integer> hc = charNgrams(h, n);
      Map<String, Integer> rc = charNgrams(r, n);
      int nHyp = Math.max(0, h.length - n + 1);
      int nRef = Math.max(0, r.length - n + 1);
      if (nHyp == 0 || nRef == 0) {
        continue;
      }
      int match = 0;
      for (Map.Entry<String, Integer> e : hc.entrySet()) {
        match += Math.min(e.getValue(), rc.getOrDefault(e.getKey(), 0));
      }
      avgP += (double) match / nHyp;
      avgR += (double) match / nRef;
      effective++;
    }
    if (effective == 0) {
      return 0;
    }
    avgP /= effective;
    avgR /= effective;
    return avgP + avgR == 0 ? 0 : (1 + beta2) * avgP * avgR / (beta2 * avgP + avgR);
  }

  static List<String> bleuTokens(String s) {
    // Split punctuation off words, then split on whitespace (13a-like for plain text).
    String spaced = s.replaceAll("([\\p{Punct}])", " $1 ");
    List<String> out = new ArrayList<>();
    for (String t : spaced.trim().split("\\s+")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  static List<String> rougeTokens(String s) {
    List<String> out = new ArrayList<>();
    for (String t : s.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
    Map<List<String>, Integer> m = new HashMap<>();
    for (int i = 0; i + n <= tokens.size(); i++) {
      m.merge(tokens.subList(i, i + n), 1, Integer::sum);
    }
    return m;
  }

  private static Map<String, Integer> charNgrams(int[] cps, int n) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i + n <= cps.length; i++) {
      m.merge(new String(cps, i, n), 1, Integer::sum);
    }
    return m;
  }

  private static int lcs(List<String> a, List<String> b) {
    int[] prev = new int[b.size() + 1];
    int[] cur = new int[b.size() + 1];
    for (int i = 1; i <= a.size(); i++) {
      for (int j = 1; j <= b.size(); j++) {
        cur[j] = a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.size()];
  }
}
