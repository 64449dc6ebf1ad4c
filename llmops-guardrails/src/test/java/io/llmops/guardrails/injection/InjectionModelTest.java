package io.llmops.guardrails.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmops.runtime.cpu.onnx.OnnxEmbeddingModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retrains the injection model from the bundled corpus with the real all-MiniLM-L6-v2 and checks that the committed
 * {@code injection-model.tsv} reproduces (same corpus, same hyper-parameters, same scores within the encoder's
 * floating-point tolerance across machines); prints the cross-validation figures. With
 * {@code -Dllmops.injection.writeModel=<path>} it writes the retrained model there instead (how the committed file is
 * produced).
 */
class InjectionModelTest {
  static OnnxEmbeddingModel encoder;

  @BeforeAll
  static void load() {
    encoder = OnnxEmbeddingModel.allMiniLmL6V2();
  }

  @AfterAll
  static void close() {
    encoder.close();
  }

  @Test
  void committedModelReproducesFromTheCorpus() throws IOException {
    List<String> report = new ArrayList<>();
    long t0 = System.nanoTime();
    String text = InjectionTraining.trainWithEncoder(encoder, report);
    System.out.printf("Injection model training (embedding + %d-fold CV + final fit): %.1f s%n",
        InjectionTraining.FOLDS, (System.nanoTime() - t0) / 1e9);
    report.forEach(System.out::println);
    String out = System.getProperty("llmops.injection.writeModel");
    if (out != null && !out.isBlank()) {
      Files.writeString(Path.of(out), text, StandardCharsets.UTF_8);
      System.out.println("wrote " + out);
      return;
    }
    Map<String, String[]> committed = InjectionModel.readModelFile();
    Map<String, String[]> fresh = parse(text);
    for (String k : List.of("corpus_sha256", "encoder", "ngram_lambda")) {
      assertThat(fresh.get(k)).as(k).containsExactly(committed.get(k));
    }
    for (String k : List.of("ngram_calibration", "stack", "embedding_bias", "embedding_weights")) {
      String[] a = committed.get(k);
      String[] b = fresh.get(k);
      assertThat(b).as(k).hasSameSizeAs(a);
      for (int i = 1; i < a.length; i++) {
        // Tolerance: ONNX Runtime's kernels may round differently on another CPU; the weights move by far less.
        assertThat(Double.parseDouble(b[i])).as(k + "[" + i + "]").isCloseTo(Double.parseDouble(a[i]),
            within(0.02 + 0.02 * Math.abs(Double.parseDouble(a[i]))));
      }
    }
  }

  @Test
  void ngramModelTrainsDeterministically() {
    List<InjectionTraining.Example> corpus = InjectionTraining.corpus();
    assertThat(corpus).hasSizeGreaterThanOrEqualTo(1500);
    long pos = corpus.stream().filter(InjectionTraining.Example::positive).count();
    assertThat(pos / (double) corpus.size()).isBetween(0.35, 0.65);
    long t0 = System.nanoTime();
    InjectionTraining.trainNgram(InjectionTraining.ngramRows(corpus), 1e-5);
    // What the first use of the bundled model costs (printed, not asserted: timing belongs to benchmarks).
    System.out.printf("n-gram model: featurise + train on %d prompts in %.0f ms%n", corpus.size(),
        (System.nanoTime() - t0) / 1e6);
    var rows = InjectionTraining.ngramRows(corpus.subList(0, 400));
    var a = InjectionTraining.trainNgram(rows, 1e-4);
    var b = InjectionTraining.trainNgram(rows, 1e-4);
    assertThat(b.weights()).containsExactly(a.weights());
    assertThat(b.bias()).isEqualTo(a.bias());
  }

  /**
   * The harder cross-validation: each family (override, jailbreak, indirect, lookalike, prose, ...) is held out in
   * turn and scored by an n-gram model trained on all the others, at the committed calibration. Families share
   * templates and fillers with each other less than folds of a random split do, so this is closer to prompts of a kind
   * never seen. Printed, with a loose floor on the averages.
   */
  @Test
  void leaveOneFamilyOutNgram() {
    List<InjectionTraining.Example> corpus = InjectionTraining.corpus();
    Map<String, String[]> f = InjectionModel.readModelFile();
    double lambda = Double.parseDouble(f.get("ngram_lambda")[1]);
    double a = Double.parseDouble(f.get("ngram_calibration")[1]);
    double c = Double.parseDouble(f.get("ngram_calibration")[2]);
    var rows = InjectionTraining.ngramRows(corpus);
    java.util.TreeSet<String> families = new java.util.TreeSet<>();
    corpus.forEach(e -> families.add(e.family()));
    double tprSum = 0;
    double fprSum = 0;
    int attackFamilies = 0;
    int benignFamilies = 0;
    System.out.println("Leave-one-family-out (n-gram model, threshold 0.5): family, label, n, flagged");
    for (String fam : families) {
      List<LogisticRegression.Row> train = new ArrayList<>();
      for (int i = 0; i < corpus.size(); i++) {
        if (!corpus.get(i).family().equals(fam)) {
          train.add(rows.get(i));
        }
      }
      if (train.size() > corpus.size() - 20) {
        continue; // families under 20 prompts: too small to report
      }
      LogisticRegression.Model m = InjectionTraining.trainNgram(train, lambda);
      int[] n = new int[2];
      int[] flagged = new int[2];
      for (int i = 0; i < corpus.size(); i++) {
        if (corpus.get(i).family().equals(fam)) {
          int y = corpus.get(i).positive() ? 1 : 0;
          n[y]++;
          flagged[y] += a * m.logit(rows.get(i).index(), rows.get(i).value()) + c >= 0 ? 1 : 0;
        }
      }
      for (int y = 1; y >= 0; y--) {
        if (n[y] > 0) {
          double rate = flagged[y] / (double) n[y];
          System.out.printf(java.util.Locale.ROOT, "  %-13s %s %4d %.3f%n", fam, y == 1 ? "attack" : "benign", n[y],
              rate);
          if (y == 1) {
            tprSum += rate;
            attackFamilies++;
          } else {
            fprSum += rate;
            benignFamilies++;
          }
        }
      }
    }
    double tpr = tprSum / attackFamilies;
    double fpr = fprSum / benignFamilies;
    System.out.printf(java.util.Locale.ROOT, "Leave-one-family-out macro TPR %.3f over %d attack families, FPR %.3f "
        + "over %d benign families%n", tpr, attackFamilies, fpr, benignFamilies);
    // Measured 2026-11-29: macro TPR 0.714 (14 families), FPR 0.198 (14 families); floors catch regressions only.
    assertThat(tpr).isGreaterThan(0.6);
    assertThat(fpr).isLessThan(0.3);
  }

  private static Map<String, String[]> parse(String text) {
    Map<String, String[]> f = new java.util.HashMap<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] p = line.split("\t");
        f.put(p[0], p);
      }
    }
    return f;
  }
}
