package io.llmops.guardrails.injection;

import io.llmops.model.EmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Trains the injection models from the bundled corpus {@code injection-train.tsv} (≈3,700 prompts written for this
 * project, EN/FR/DE/ES/IT/PT; see {@code llmops-guardrails/tools/injection_corpus}).
 *
 * <p>Design note. Two logistic regressions: on hashed n-grams ({@link NgramFeatures}; trained on first use, ≈0.2–1 s)
 * and on the sentence embedding (384-d all-MiniLM-L6-v2; its weights are committed in {@code injection-model.tsv}
 * because embedding the corpus takes tens of seconds). A third, two-feature logistic regression (the stacker) combines
 * their logits. Everything that is chosen rather than learnt is chosen on {@value #FOLDS}-fold stratified
 * cross-validation of the training corpus, never on an evaluation set: the L2 strengths (lowest out-of-fold log loss),
 * the stacker (fitted on out-of-fold logits), the Platt calibration of the n-gram model alone, and the operating
 * thresholds (best out-of-fold {@code TPR − 2·FPR}, middle of the best interval). Each calibrated logit is shifted by
 * {@code −logit(threshold)} so the operating point is probability 0.5, the detector's default threshold (a Platt
 * probability under another class prior). {@link #trainWithEncoder} writes all of it; {@code InjectionModelTest}
 * retrains and checks the committed file reproduces.
 */
final class InjectionTraining {
  static final String CORPUS = "injection-train.tsv";
  static final int FOLDS = 5;
  static final long SEED = 20261129L;
  static final int EPOCHS = 15;
  static final double[] NGRAM_LAMBDAS = {1e-5, 3e-5, 1e-4, 3e-4};
  static final double[] EMBED_LAMBDAS = {3e-5, 1e-4, 3e-4, 1e-3};

  private InjectionTraining() {}

  /** One labelled prompt. */
  record Example(boolean positive, String lang, String family, String text) {}

  /** Loads the bundled corpus. */
  static List<Example> corpus() {
    List<Example> out = new ArrayList<>();
    try (InputStream in = InjectionTraining.class.getResourceAsStream(CORPUS)) {
      if (in == null) {
        throw new IllegalStateException("resource io/llmops/guardrails/injection/" + CORPUS + " is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int lineNo = 0;
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 4);
        if (f.length != 4 || !(f[0].equals("0") || f[0].equals("1"))) {
          throw new IllegalStateException(CORPUS + " line " + lineNo + ": expected label<TAB>lang<TAB>family<TAB>text");
        }
        out.add(new Example(f[0].equals("1"), f[1], f[2], f[3].replace("\\n", "\n")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CORPUS, e);
    }
    return List.copyOf(out);
  }

  /** SHA-256 of the corpus texts and labels, recorded in the model file to detect a stale model. */
  static String fingerprint(List<Example> corpus) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Example e : corpus) {
        md.update((e.positive() ? "1\t" : "0\t").getBytes(StandardCharsets.UTF_8));
        md.update(e.text().getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<LogisticRegression.Row> ngramRows(List<Example> examples) {
    List<LogisticRegression.Row> rows = new ArrayList<>(examples.size());
    for (Example e : examples) {
      NgramFeatures.Sparse s = NgramFeatures.of(e.text());
      rows.add(new LogisticRegression.Row(s.index(), s.value(), e.positive()));
    }
    return rows;
  }

  static List<LogisticRegression.Row> denseRows(List<float[]> vectors, List<Example> examples) {
    int dim = vectors.get(0).length;
    int[] all = new int[dim];
    for (int i = 0; i < dim; i++) {
      all[i] = i;
    }
    List<LogisticRegression.Row> rows = new ArrayList<>(vectors.size());
    for (int i = 0; i < vectors.size(); i++) {
      rows.add(new LogisticRegression.Row(all, vectors.get(i), examples.get(i).positive()));
    }
    return rows;
  }

  static LogisticRegression.Model trainNgram(List<LogisticRegression.Row> rows, double lambda) {
    return LogisticRegression.train(rows, NgramFeatures.DIM, lambda, EPOCHS, SEED);
  }

  /** Fold of each example: stratified by label, seeded. */
  static int[] folds(List<Example> examples, int k, long seed) {
    int n = examples.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      Integer t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] fold = new int[n];
    int pos = 0;
    int neg = 0;
    for (Integer i : order) {
      fold[i] = examples.get(i).positive() ? pos++ % k : neg++ % k;
    }
    return fold;
  }

  /** Out-of-fold logits of a model family (given rows, dimension and L2 strength). */
  static double[] outOfFold(List<LogisticRegression.Row> rows, int[] fold, int k, int dim, double lambda) {
    double[] z = new double[rows.size()];
    for (int f = 0; f < k; f++) {
      List<LogisticRegression.Row> train = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] != f) {
          train.add(rows.get(i));
        }
      }
      LogisticRegression.Model m = LogisticRegression.train(train, dim, lambda, EPOCHS, SEED + f);
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] == f) {
          z[i] = m.logit(rows.get(i).index(), rows.get(i).value());
        }
      }
    }
    return z;
  }

  /** Class-balanced mean log loss of logits. */
  static double logLoss(double[] z, List<Example> ex) {
    double lp = 0;
    double ln = 0;
    int np = 0;
    for (int i = 0; i < z.length; i++) {
      double y = ex.get(i).positive() ? 1 : -1;
      double l = Math.log1p(Math.exp(-y * z[i]));
      if (y > 0) {
        lp += l;
        np++;
      } else {
        ln += l;
      }
    }
    return 0.5 * lp / np + 0.5 * ln / (z.length - np);
  }

  /**
   * Fits {@code p = σ(a·x + c)} (Platt) or {@code σ(a·x1 + b·x2 + c)} by Newton's method on the class-balanced log
   * loss with a tiny ridge; returns the coefficients followed by the intercept.
   */
  static double[] platt(double[][] x, List<Example> ex) {
    int d = x[0].length + 1;
    double[] beta = new double[d];
    int np = 0;
    for (Example e : ex) {
      np += e.positive() ? 1 : 0;
    }
    double cPos = x.length / (2.0 * np);
    double cNeg = x.length / (2.0 * (x.length - np));
    for (int it = 0; it < 50; it++) {
      double[] grad = new double[d];
      double[][] hess = new double[d][d];
      for (int i = 0; i < x.length; i++) {
        double[] xi = new double[d];
        System.arraycopy(x[i], 0, xi, 0, d - 1);
        xi[d - 1] = 1;
        double z = 0;
        for (int j = 0; j < d; j++) {
          z += beta[j] * xi[j];
        }
        double p = LogisticRegression.sigmoid(z);
        double y = ex.get(i).positive() ? 1 : 0;
        double c = y > 0 ? cPos : cNeg;
        for (int j = 0; j < d; j++) {
          grad[j] += c * (p - y) * xi[j];
          for (int l = 0; l < d; l++) {
            hess[j][l] += c * p * (1 - p) * xi[j] * xi[l];
          }
        }
      }
      for (int j = 0; j < d; j++) {
        grad[j] += 1e-3 * beta[j];
        hess[j][j] += 1e-3;
      }
      double[] step = solve(hess, grad);
      double max = 0;
      for (int j = 0; j < d; j++) {
        beta[j] -= step[j];
        max = Math.max(max, Math.abs(step[j]));
      }
      if (max < 1e-10) {
        break;
      }
    }
    return beta;
  }

  /** Gaussian elimination with partial pivoting on a small system. */
  private static double[] solve(double[][] a0, double[] b0) {
    int n = b0.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
    for (int c = 0; c < n; c++) {
      int p = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      double tb = b[c];
      b[c] = b[p];
      b[p] = tb;
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k < n; k++) {
          a[r][k] -= f * a[c][k];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < n; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }

  /**
   * The operating threshold on calibrated logits: the best out-of-fold {@code TPR − 2·FPR}, and within the best
   * interval of thresholds its middle (the training prompts separate well, and the middle of the gap leaves room on
   * both sides for prompts unlike them). Returns the threshold as a logit.
   */
  static double threshold(double[] z, List<Example> ex) {
    double[] sorted = z.clone();
    java.util.Arrays.sort(sorted);
    int np = 0;
    for (Example e : ex) {
      np += e.positive() ? 1 : 0;
    }
    int nn = ex.size() - np;
    double best = Double.NEGATIVE_INFINITY;
    double lo = 0;
    double hi = 0;
    for (int c = 0; c <= sorted.length; c++) {
      double t = c == 0 ? sorted[0] - 1 : c == sorted.length ? sorted[c - 1] + 1 : (sorted[c - 1] + sorted[c]) / 2;
      int tp = 0;
      int fp = 0;
      for (int i = 0; i < z.length; i++) {
        if (z[i] >= t) {
          if (ex.get(i).positive()) {
            tp++;
          } else {
            fp++;
          }
        }
      }
      double j = tp / (double) np - 2 * fp / (double) nn;
      if (j > best + 1e-12) {
        best = j;
        lo = t;
        hi = t;
      } else if (Math.abs(j - best) <= 1e-12) {
        hi = t;
      }
    }
    return (lo + hi) / 2;
  }

  /** TPR and FPR of logits at a threshold. */
  static double[] rates(double[] z, List<Example> ex, double t) {
    int tp = 0;
    int fp = 0;
    int np = 0;
    for (int i = 0; i < z.length; i++) {
      if (ex.get(i).positive()) {
        np++;
        tp += z[i] >= t ? 1 : 0;
      } else {
        fp += z[i] >= t ? 1 : 0;
      }
    }
    return new double[] {tp / (double) np, fp / (double) (z.length - np)};
  }

  /**
   * Trains everything with the encoder and returns the model file's text plus a cross-validation report.
   *
   * @param encoder the sentence encoder (all-MiniLM-L6-v2 for the committed model)
   * @param report receives one line per measurement
   * @return the content of {@code injection-model.tsv}
   */
  static String trainWithEncoder(EmbeddingModel encoder, List<String> report) {
    List<Example> ex = corpus();
    long t0 = System.nanoTime();
    List<float[]> vectors = embed(encoder, ex);
    report.add(String.format(Locale.ROOT, "embedded %d prompts in %.1f s", ex.size(), (System.nanoTime() - t0) / 1e9));
    int[] fold = folds(ex, FOLDS, SEED);
    List<LogisticRegression.Row> ng = ngramRows(ex);
    List<LogisticRegression.Row> em = denseRows(vectors, ex);
    Picked pNg = pick(ng, ex, fold, NgramFeatures.DIM, NGRAM_LAMBDAS, "ngram", report);
    Picked pEm = pick(em, ex, fold, vectors.get(0).length, EMBED_LAMBDAS, "embedding", report);
    double ngLambda = pNg.lambda();
    double emLambda = pEm.lambda();
    double[] zNg = pNg.outOfFold();
    double[] zEm = pEm.outOfFold();
    double[][] x1 = new double[ex.size()][];
    double[][] x2 = new double[ex.size()][];
    for (int i = 0; i < ex.size(); i++) {
      x1[i] = new double[] {zNg[i]};
      x2[i] = new double[] {zNg[i], zEm[i]};
    }
    double[] ngCal = platt(x1, ex);
    double[] stack = platt(x2, ex);
    double[] cNg = new double[ex.size()];
    double[] cSt = new double[ex.size()];
    double[] cEm = new double[ex.size()];
    for (int i = 0; i < ex.size(); i++) {
      cNg[i] = ngCal[0] * zNg[i] + ngCal[1];
      cSt[i] = stack[0] * zNg[i] + stack[1] * zEm[i] + stack[2];
      cEm[i] = zEm[i];
    }
    double tNg = threshold(cNg, ex);
    double tSt = threshold(cSt, ex);
    double tEm = threshold(cEm, ex);
    report(report, "ngram", cNg, ex, tNg);
    report(report, "embedding", cEm, ex, tEm);
    report(report, "ngram+embedding (stacked)", cSt, ex, tSt);
    LogisticRegression.Model emb = LogisticRegression.train(em, vectors.get(0).length, emLambda, EPOCHS, SEED);
    StringBuilder sb = new StringBuilder();
    sb.append("# Trained injection model, written by InjectionTraining.trainWithEncoder (see InjectionModelTest).\n");
    sb.append("# Do not edit: retrain with -Dllmops.injection.writeModel=<path to this file>.\n");
    sb.append("corpus_sha256\t").append(fingerprint(ex)).append('\n');
    sb.append("encoder\t").append(encoder.name()).append('\t').append(vectors.get(0).length).append('\n');
    sb.append("ngram_lambda\t").append(ngLambda).append('\n');
    sb.append("ngram_calibration\t").append(ngCal[0]).append('\t').append(ngCal[1] - tNg).append('\n');
    sb.append("stack\t").append(stack[0]).append('\t').append(stack[1]).append('\t').append(stack[2] - tSt)
        .append('\n');
    sb.append("embedding_bias\t").append(emb.bias()).append('\n');
    sb.append("embedding_weights");
    for (float w : emb.weights()) {
      sb.append('\t').append(w);
    }
    sb.append('\n');
    return sb.toString();
  }

  /** The chosen L2 strength and its out-of-fold logits. */
  private record Picked(double lambda, double[] outOfFold) {}

  /**
   * Embeds the corpus one text per call, exactly as the classifier embeds a prompt when serving: the quantised
   * encoder's embeddings depend on the batch a text is padded with (all-MiniLM-L6-v2-q moves by more than the
   * model's tolerance between a batch of 32 and a single call), so batched training embeddings would skew the
   * weights away from what is served.
   */
  private static List<float[]> embed(EmbeddingModel encoder, List<Example> ex) {
    List<float[]> out = new ArrayList<>(ex.size());
    for (Example e : ex) {
      out.add(encoder.embed(e.text()).vector());
    }
    return out;
  }

  private static Picked pick(List<LogisticRegression.Row> rows, List<Example> ex, int[] fold, int dim,
      double[] lambdas, String name, List<String> report) {
    Picked best = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    for (double l : lambdas) {
      double[] z = outOfFold(rows, fold, FOLDS, dim, l);
      double loss = logLoss(z, ex);
      report.add(String.format(Locale.ROOT, "%s lambda=%.0e out-of-fold log loss %.4f", name, l, loss));
      if (loss < bestLoss) {
        bestLoss = loss;
        best = new Picked(l, z);
      }
    }
    return best;
  }

  private static void report(List<String> report, String name, double[] z, List<Example> ex, double t) {
    double[] r = rates(z, ex, t);
    report.add(String.format(Locale.ROOT, "%d-fold CV %-26s TPR %.3f FPR %.3f (threshold logit %.2f, n=%d)", FOLDS,
        name, r[0], r[1], t, ex.size()));
  }
}
