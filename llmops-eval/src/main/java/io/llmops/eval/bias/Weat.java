package io.llmops.eval.bias;

import io.llmops.InvalidRequestException;
import io.llmops.eval.stats.Stats;
import io.llmops.model.Embedding;
import io.llmops.model.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Word (or Sentence) Embedding Association Test of Caliskan et al. (2017) and May et al. (2019): target sets X, Y
 * and attribute sets A, B; {@code s(w) = mean cos(w, A) - mean cos(w, B)}; the effect size is
 * {@code (mean_X s - mean_Y s) / sd_{X u Y} s} (sample standard deviation) and the one-sided p-value is the share of
 * random equal-size re-partitions of X u Y whose test statistic {@code sum_X s - sum_Y s} is at least the observed
 * one. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Weat {
  private Weat() {}

  /**
   * The test's outcome.
   *
   * @param effectSize Cohen's-d-like effect size, in [-2, 2]
   * @param pValue one-sided permutation p-value
   * @since 0.1.0
   */
  public record Result(double effectSize, double pValue) {}

  /**
   * Runs the test on texts.
   *
   * @param model the encoder
   * @param x target set X
   * @param y target set Y, same size as X
   * @param a attribute set A
   * @param b attribute set B
   * @param permutations random re-partitions
   * @param seed the seed
   * @return the effect size and p-value
   * @throws InvalidRequestException if X and Y differ in size or a set is empty
   */
  public static Result run(EmbeddingModel model, List<String> x, List<String> y, List<String> a, List<String> b,
      int permutations, long seed) {
    return test(model.embedAll(x), model.embedAll(y), model.embedAll(a), model.embedAll(b), permutations, seed);
  }

  /**
   * Runs the test on embeddings.
   *
   * @param x target set X
   * @param y target set Y, same size
   * @param a attribute set A
   * @param b attribute set B
   * @param permutations random re-partitions
   * @param seed the seed
   * @return the effect size and p-value
   * @throws InvalidRequestException if X and Y differ in size or a set is empty
   */
  public static Result test(List<Embedding> x, List<Embedding> y, List<Embedding> a, List<Embedding> b,
      int permutations, long seed) {
    InvalidRequestException.check(x.size() == y.size() && x.size() >= 2, "WEAT needs equal target sets of >= 2");
    InvalidRequestException.check(!a.isEmpty() && !b.isEmpty(), "WEAT needs non-empty attribute sets");
    List<Embedding> all = new ArrayList<>(x);
    all.addAll(y);
    double[] s = new double[all.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = association(all.get(i), a, b);
    }
    int n = x.size();
    double observed = statistic(s, identity(s.length), n);
    double[] sx = java.util.Arrays.copyOfRange(s, 0, n);
    double[] sy = java.util.Arrays.copyOfRange(s, n, 2 * n);
    double sd = Stats.sd(s);
    double effect = sd == 0 ? 0 : (Stats.mean(sx) - Stats.mean(sy)) / sd;
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] idx = identity(s.length);
    int atLeast = 0;
    for (int p = 0; p < permutations; p++) {
      for (int i = idx.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      if (statistic(s, idx, n) >= observed - 1e-12) {
        atLeast++;
      }
    }
    return new Result(effect, (atLeast + 1.0) / (permutations + 1.0));
  }

  static double association(Embedding w, List<Embedding> a, List<Embedding> b) {
    double sa = 0;
    for (Embedding e : a) {
      sa += w.cosineSimilarity(e);
    }
    double sb = 0;
    for (Embedding e : b) {
      sb += w.cosineSimilarity(e);
    }
    return sa / a.size() - sb / b.size();
  }

  private static double statistic(double[] s, int[] idx, int n) {
    double t = 0;
    for (int i = 0; i < idx.length; i++) {
      t += i < n ? s[idx[i]] : -s[idx[i]];
    }
    return t;
  }

  private static int[] identity(int n) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    return idx;
  }
}
