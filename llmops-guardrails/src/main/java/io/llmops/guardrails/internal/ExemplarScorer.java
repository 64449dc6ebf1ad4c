package io.llmops.guardrails.internal;

import io.llmops.model.Embedding;
import io.llmops.model.EmbeddingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic nearest-neighbour scorer on a sentence encoder: the labelled positive and negative examples are
 * embedded once; a text's score is a logistic function of the gap between its mean cosine similarity to the
 * {@code k} nearest positives and to the {@code k} nearest negatives. No training step, no randomness: the same
 * encoder and examples give the same scores. Thread-safe once built.
 */
public final class ExemplarScorer {
  private final EmbeddingModel encoder;
  private final List<Embedding> positives;
  private final List<Embedding> negatives;
  private final int k;
  private final double steepness;
  private final double margin;

  /**
   * Embeds the examples.
   *
   * @param encoder the sentence encoder
   * @param positives texts of the class to detect
   * @param negatives texts of the other class (may be empty: then the score uses similarity alone)
   * @param k neighbours averaged per class
   * @param steepness slope of the logistic on the similarity gap
   * @param margin how much closer to the positives than to the negatives a text must be to score 0.5
   */
  public ExemplarScorer(EmbeddingModel encoder, List<String> positives, List<String> negatives, int k,
      double steepness, double margin) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    if (positives.isEmpty()) {
      throw new IllegalArgumentException("need at least one positive example");
    }
    this.positives = embed(encoder, positives);
    this.negatives = embed(encoder, negatives);
    this.k = k;
    this.steepness = steepness;
    this.margin = margin;
  }

  private static List<Embedding> embed(EmbeddingModel encoder, List<String> texts) {
    List<Embedding> out = new ArrayList<>();
    // One text per call: the encoder's batch-dependent quantisation would otherwise make scores depend on batching.
    for (String t : texts) {
      out.add(encoder.embed(t));
    }
    return List.copyOf(out);
  }

  /**
   * Returns the probability-like score of a text.
   *
   * @param text the text
   * @return a value in (0, 1)
   */
  public double score(String text) {
    return scoreEmbedding(encoder.embed(text));
  }

  /**
   * Returns the score of an embedding computed elsewhere with the same encoder.
   *
   * @param e the embedding
   * @return a value in (0, 1)
   */
  public double scoreEmbedding(Embedding e) {
    double pos = topMean(e, positives);
    if (negatives.isEmpty()) {
      return 1 / (1 + Math.exp(-steepness * (pos - 0.5 - margin)));
    }
    double neg = topMean(e, negatives);
    return 1 / (1 + Math.exp(-steepness * (pos - neg - margin)));
  }

  /**
   * Returns the highest cosine similarity to a positive example.
   *
   * @param e the embedding
   * @return the similarity
   */
  public double maxPositiveSimilarity(Embedding e) {
    return positives.stream().mapToDouble(p -> p.cosineSimilarity(e)).max().orElse(0);
  }

  private double topMean(Embedding e, List<Embedding> set) {
    return set.stream().map(x -> x.cosineSimilarity(e)).sorted(Comparator.reverseOrder()).limit(k)
        .mapToDouble(Double::doubleValue).average().orElse(0);
  }
}
