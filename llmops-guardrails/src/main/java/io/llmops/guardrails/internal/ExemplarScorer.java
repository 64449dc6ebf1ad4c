package io.llmops.guardrails.internal;

import io.llmops.model.Embedding;
import io.llmops.model.EmbeddingModel;
import java.util.ArrayList;
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
  private final Matrix positives;
  private final Matrix negatives;
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
    this.positives = new Matrix(embed(encoder, positives));
    this.negatives = new Matrix(embed(encoder, negatives));
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
    return positives.max(e.vector());
  }

  private double topMean(Embedding e, Matrix set) {
    return set.topMean(e.vector(), k);
  }

  /**
   * The examples as one row-major float array with their squared norms: a text is compared with all of them in one
   * pass over contiguous memory. Each similarity is computed exactly as {@link Embedding#cosineSimilarity} does
   * (double accumulation in index order), so scores do not change.
   */
  private static final class Matrix {
    private final float[] rows;
    private final double[] squaredNorms;
    private final int dim;
    private final int count;

    Matrix(List<Embedding> es) {
      count = es.size();
      dim = count == 0 ? 0 : es.get(0).dimension();
      rows = new float[count * dim];
      squaredNorms = new double[count];
      for (int r = 0; r < count; r++) {
        float[] v = es.get(r).vector();
        if (v.length != dim) {
          throw new IllegalArgumentException("dimensions differ: " + dim + " vs " + v.length);
        }
        System.arraycopy(v, 0, rows, r * dim, dim);
        double a = 0;
        for (float x : v) {
          a += (double) x * x;
        }
        squaredNorms[r] = a;
      }
    }

    boolean isEmpty() {
      return count == 0;
    }

    double max(float[] q) {
      double best = count == 0 ? 0 : Double.NEGATIVE_INFINITY;
      double b = squaredNorm(q);
      for (int r = 0; r < count; r++) {
        best = Math.max(best, cosine(r, q, b));
      }
      return best;
    }

    /** Mean of the {@code k} largest similarities (all of them if fewer); 0 when empty. */
    double topMean(float[] q, int k) {
      if (count == 0) {
        return 0;
      }
      double b = squaredNorm(q);
      double[] top = new double[Math.min(k, count)];
      java.util.Arrays.fill(top, Double.NEGATIVE_INFINITY);
      for (int r = 0; r < count; r++) {
        double c = cosine(r, q, b);
        // Insertion into the small sorted (descending) array of the best so far.
        for (int i = 0; i < top.length; i++) {
          if (c > top[i]) {
            System.arraycopy(top, i, top, i + 1, top.length - i - 1);
            top[i] = c;
            break;
          }
        }
      }
      double sum = 0;
      for (double t : top) {
        sum += t;
      }
      return sum / top.length;
    }

    private double cosine(int r, float[] q, double b) {
      if (q.length != dim) {
        throw new IllegalArgumentException("dimensions differ: " + dim + " vs " + q.length);
      }
      double dot = 0;
      int off = r * dim;
      for (int i = 0; i < dim; i++) {
        dot += (double) rows[off + i] * q[i];
      }
      double a = squaredNorms[r];
      return a == 0 || b == 0 ? 0 : dot / Math.sqrt(a * b);
    }

    private static double squaredNorm(float[] q) {
      double b = 0;
      for (float x : q) {
        b += (double) x * x;
      }
      return b;
    }
  }

}
