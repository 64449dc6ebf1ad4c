package io.llmops.guardrails.injection;

import java.util.List;
import java.util.SplittableRandom;

/**
 * L2-regularised, class-weighted binary logistic regression trained by stochastic gradient descent, deterministic
 * for a given seed: the same rows in the same order give bit-identical weights on every JVM (Java 17 floating point
 * is strict).
 *
 * <p>Design note. The objective is {@code Σ c_y · log(1 + exp(-y·(w·x + b))) / n + λ/2 · |w|²} with class weights
 * {@code c_y = n / (2 · n_y)} ("balanced"). SGD uses the learning rate schedule {@code η_t = 1 / (λ (t + t0))} of
 * Bottou's "optimal" schedule (as scikit-learn's {@code SGDClassifier}) and the weight-scale trick for sparse rows (w =
 * s · v, so the L2 shrink costs O(1) per step, not O(dim)); the bias is not regularised. Rows are visited in a seeded
 * random order each epoch. Used both for the hashed n-gram model (2^18 sparse dimensions) and for the 384-d
 * sentence-embedding model (dense rows given as all indices).
 */
final class LogisticRegression {
  private LogisticRegression() {}

  /** A trained model: weights and bias. */
  record Model(float[] weights, double bias) {
    double logit(int[] index, float[] value) {
      double s = bias;
      for (int i = 0; i < index.length; i++) {
        s += (double) weights[index[i]] * value[i];
      }
      return s;
    }

    double logit(float[] dense) {
      double s = bias;
      for (int i = 0; i < dense.length; i++) {
        s += (double) weights[i] * dense[i];
      }
      return s;
    }
  }

  /** A training row: sparse features and label. */
  record Row(int[] index, float[] value, boolean positive) {}

  /**
   * Trains a model.
   *
   * @param rows the training rows
   * @param dim the feature dimension
   * @param lambda the L2 strength
   * @param epochs passes over the data
   * @param seed the shuffling seed
   * @return the model
   */
  static Model train(List<Row> rows, int dim, double lambda, int epochs, long seed) {
    int n = rows.size();
    int pos = 0;
    for (Row r : rows) {
      pos += r.positive() ? 1 : 0;
    }
    if (pos == 0 || pos == n) {
      throw new IllegalArgumentException("need both classes: " + pos + " positives of " + n);
    }
    double cPos = n / (2.0 * pos);
    double cNeg = n / (2.0 * (n - pos));
    double[] v = new double[dim];
    double scale = 1;
    double bias = 0;
    // t0 so that the first step is about 1 / (λ t0) = 1: Bottou's heuristic initial rate for normalised features.
    double t0 = 1 / lambda;
    long t = 0;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int e = 0; e < epochs; e++) {
      for (int i = n - 1; i > 0; i--) { // Fisher-Yates
        int j = rnd.nextInt(i + 1);
        int tmp = order[i];
        order[i] = order[j];
        order[j] = tmp;
      }
      for (int k = 0; k < n; k++) {
        Row r = rows.get(order[k]);
        double eta = 1 / (lambda * (t0 + t++));
        double z = bias;
        int[] idx = r.index();
        float[] val = r.value();
        for (int i = 0; i < idx.length; i++) {
          z += scale * v[idx[i]] * val[i];
        }
        double y = r.positive() ? 1 : -1;
        // d/dz of log(1 + exp(-y z)) = -y / (1 + exp(y z))
        double g = -y / (1 + Math.exp(y * z)) * (r.positive() ? cPos : cNeg);
        scale *= 1 - eta * lambda;
        double step = eta * g / scale;
        for (int i = 0; i < idx.length; i++) {
          v[idx[i]] -= step * val[i];
        }
        // The bias learns more slowly (a common SGD choice) so a few early rows do not swing it.
        bias -= eta * g * 0.01;
        if (scale < 1e-9) {
          for (int i = 0; i < dim; i++) {
            v[i] *= scale;
          }
          scale = 1;
        }
      }
    }
    float[] w = new float[dim];
    for (int i = 0; i < dim; i++) {
      w[i] = (float) (v[i] * scale);
    }
    return new Model(w, bias);
  }

  /** The logistic function. */
  static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** The log-odds of a probability, clamped away from 0 and 1. */
  static double logit(double p) {
    double q = Math.max(1e-9, Math.min(1 - 1e-9, p));
    return Math.log(q / (1 - q));
  }
}
