package io.llmops.guardrails.injection;

import io.llmops.guardrails.internal.ExemplarScorer;
import io.llmops.model.EmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An injection classifier on a sentence encoder (e.g. all-MiniLM-L6-v2): a prompt's probability is a logistic of how
 * much closer it is to labelled injection exemplars than to benign ones (mean cosine similarity of the three nearest
 * of each, minus a margin). Deterministic: no training step, the exemplars ship in {@code injection-exemplars.tsv}
 * (multilingual, written for this project and disjoint from its evaluation corpus). It catches paraphrases the rules
 * do not name; the margin keeps benign prompts that merely sit near the boundary below 0.5.
 *
 * <p>Thread-safe if the encoder is. Building embeds every exemplar once (≈50 encoder calls).
 *
 * @since 0.1.0
 */
public final class EncoderInjectionClassifier implements InjectionClassifier {
  private static final double MARGIN = 0.06;
  private static final double STEEPNESS = 30;
  private final ExemplarScorer scorer;

  private EncoderInjectionClassifier(ExemplarScorer scorer) {
    this.scorer = scorer;
  }

  /**
   * Builds the classifier from the bundled exemplars.
   *
   * @param encoder the sentence encoder (not closed by the classifier)
   * @return the classifier
   * @throws io.llmops.LlmOpsException if the encoder fails
   */
  public static EncoderInjectionClassifier of(EmbeddingModel encoder) {
    List<String> pos = new ArrayList<>();
    List<String> neg = new ArrayList<>();
    try (InputStream in = EncoderInjectionClassifier.class.getResourceAsStream("injection-exemplars.tsv")) {
      if (in == null) {
        throw new IllegalStateException("resource io/llmops/guardrails/injection/injection-exemplars.tsv is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 2);
        (f[0].equals("1") ? pos : neg).add(f[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the injection exemplars", e);
    }
    return new EncoderInjectionClassifier(new ExemplarScorer(encoder, pos, neg, 3, STEEPNESS, MARGIN));
  }

  @Override
  public double probability(String text) {
    return scorer.score(text);
  }

  @Override
  public String toString() {
    return "EncoderInjectionClassifier{}";
  }
}
