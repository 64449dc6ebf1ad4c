package io.llmops.guardrails.injection;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The trained injection model: the n-gram logistic regression (trained from the bundled corpus on first use, with the
 * L2 strength recorded in {@code injection-model.tsv}), its calibration, the sentence-embedding logistic regression
 * and the stacker that combines both (committed in {@code injection-model.tsv} by {@link InjectionTraining}). All
 * calibrated logits are shifted so 0.5 is the operating point chosen on cross-validation (see {@link
 * InjectionTraining}). Immutable and thread-safe; {@link #bundled()} is built once per class loader.
 */
final class InjectionModel {
  static final String FILE = "injection-model.tsv";

  private final LogisticRegression.Model ngram;
  private final double ngA;
  private final double ngC;
  private final double stackNg;
  private final double stackEm;
  private final double stackC;
  private final float[] embWeights;
  private final double embBias;
  private final String encoderName;

  private InjectionModel(Map<String, String[]> f, LogisticRegression.Model ngram) {
    this.ngram = ngram;
    ngA = num(f, "ngram_calibration", 1);
    ngC = num(f, "ngram_calibration", 2);
    stackNg = num(f, "stack", 1);
    stackEm = num(f, "stack", 2);
    stackC = num(f, "stack", 3);
    embBias = num(f, "embedding_bias", 1);
    String[] w = f.get("embedding_weights");
    embWeights = new float[w.length - 1];
    for (int i = 1; i < w.length; i++) {
      embWeights[i - 1] = Float.parseFloat(w[i]);
    }
    encoderName = f.get("encoder")[1];
  }

  private static final class Holder {
    static final InjectionModel BUNDLED = load();
  }

  /** The bundled model (the first call trains the n-gram part: ≈0.2 s warm, ≈1 s cold on 2 busy cores). */
  static InjectionModel bundled() {
    return Holder.BUNDLED;
  }

  private static InjectionModel load() {
    Map<String, String[]> f = readModelFile();
    List<InjectionTraining.Example> corpus = InjectionTraining.corpus();
    String expected = f.get("corpus_sha256")[1];
    if (!expected.equals(InjectionTraining.fingerprint(corpus))) {
      throw new IllegalStateException(FILE + " was trained on another corpus than " + InjectionTraining.CORPUS
          + ": retrain it (see InjectionModelTest)");
    }
    double lambda = num(f, "ngram_lambda", 1);
    return new InjectionModel(f, InjectionTraining.trainNgram(InjectionTraining.ngramRows(corpus), lambda));
  }

  static Map<String, String[]> readModelFile() {
    Map<String, String[]> f = new HashMap<>();
    try (InputStream in = InjectionModel.class.getResourceAsStream(FILE)) {
      if (in == null) {
        throw new IllegalStateException("resource io/llmops/guardrails/injection/" + FILE + " is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank() && !line.startsWith("#")) {
          String[] parts = line.split("\t");
          f.put(parts[0], parts);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + FILE, e);
    }
    for (String k : List.of("corpus_sha256", "encoder", "ngram_lambda", "ngram_calibration", "stack",
        "embedding_bias", "embedding_weights")) {
      if (!f.containsKey(k)) {
        throw new IllegalStateException(FILE + ": missing entry " + k);
      }
    }
    return f;
  }

  private static double num(Map<String, String[]> f, String key, int i) {
    return Double.parseDouble(f.get(key)[i]);
  }

  /** Raw n-gram logit of features. */
  double ngramLogit(NgramFeatures.Sparse x) {
    return ngram.logit(x.index(), x.value());
  }

  /** Calibrated n-gram logit (0 at the n-gram-only operating point). */
  double ngramCalibrated(double rawLogit) {
    return ngA * rawLogit + ngC;
  }

  /** Stacked logit of the n-gram and embedding raw logits (0 at the combined operating point). */
  double stacked(double rawNgram, float[] embedding) {
    return stackNg * rawNgram + stackEm * ngramFree(embedding) + stackC;
  }

  private double ngramFree(float[] embedding) {
    if (embedding.length != embWeights.length) {
      throw new IllegalArgumentException("the injection model was trained on " + encoderName + " embeddings of "
          + embWeights.length + " dimensions, got " + embedding.length);
    }
    double s = embBias;
    for (int i = 0; i < embedding.length; i++) {
      s += (double) embWeights[i] * embedding[i];
    }
    return s;
  }

  /** Embedding dimension the model expects. */
  int embeddingDimension() {
    return embWeights.length;
  }

  /**
   * The n-grams of a text that push its score up most: words ({@code w:}) and word pairs ({@code b:}) by weight,
   * then character n-grams ({@code c:}), e.g. {@code "b:your rules"}.
   */
  List<String> topNgrams(String text, int k) {
    Map<String, Double> contrib = new HashMap<>();
    for (Object[] f : NgramFeatures.named(text)) {
      contrib.merge((String) f[0], (double) ngram.weights()[(Integer) f[1]], (a, b) -> a);
    }
    List<Map.Entry<String, Double>> es = new ArrayList<>(contrib.entrySet());
    es.removeIf(e -> e.getValue() <= 0);
    // Words and word pairs first (readable), character n-grams after them.
    es.sort(Comparator.<Map.Entry<String, Double>>comparingInt(e -> e.getKey().startsWith("c:") ? 1 : 0)
        .thenComparing(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .thenComparing(Map.Entry::getKey));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(k, es.size()); i++) {
      out.add(es.get(i).getKey());
    }
    return out;
  }
}
