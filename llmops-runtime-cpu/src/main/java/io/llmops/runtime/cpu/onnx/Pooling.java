package io.llmops.runtime.cpu.onnx;

/**
 * How the per-token hidden states of an encoder become one sentence vector.
 *
 * @since 0.1.0
 */
public enum Pooling {
  /**
   * The mean of the token vectors weighted by the attention mask, so padding never counts (sentence-transformers'
   * {@code pooling_mode_mean_tokens}; what all-MiniLM-L6-v2 was trained with).
   */
  MEAN,
  /** The vector of the first token ({@code [CLS]} for BERT-family tokenizers), as used by BGE and E5-style models. */
  CLS;

  /**
   * Pools one row of a {@code [batch, seq, dim]} hidden-state tensor laid out row-major.
   *
   * @param hidden the hidden states of the whole batch
   * @param row the batch row to pool
   * @param seq the padded sequence length
   * @param dim the hidden size
   * @param mask the attention mask of the whole batch, {@code [batch, seq]}; 1 for real tokens, 0 for padding
   * @return a new vector of length {@code dim}
   */
  float[] pool(float[] hidden, int row, int seq, int dim, long[] mask) {
    return switch (this) {
      case CLS -> first(hidden, row, seq, dim);
      case MEAN -> mean(hidden, row, seq, dim, mask);
    };
  }

  private static float[] first(float[] hidden, int row, int seq, int dim) {
    float[] out = new float[dim];
    System.arraycopy(hidden, row * seq * dim, out, 0, dim);
    return out;
  }

  private static float[] mean(float[] hidden, int row, int seq, int dim, long[] mask) {
    double[] sum = new double[dim];
    long count = 0;
    int base = row * seq * dim;
    for (int t = 0; t < seq; t++) {
      long m = mask[row * seq + t];
      if (m == 0) {
        continue;
      }
      count += m;
      int off = base + t * dim;
      for (int d = 0; d < dim; d++) {
        sum[d] += (double) hidden[off + d] * m;
      }
    }
    // sentence-transformers clamps the token count at 1e-9 so an all-padding row yields zeros, not NaN.
    double denominator = Math.max(count, 1e-9);
    float[] out = new float[dim];
    for (int d = 0; d < dim; d++) {
      out[d] = (float) (sum[d] / denominator);
    }
    return out;
  }

  /**
   * Scales a vector to unit L2 norm in place; a zero vector stays zero (torch's {@code F.normalize}, eps 1e-12).
   *
   * @param v the vector
   * @return {@code v}
   */
  static float[] normalize(float[] v) {
    double sq = 0;
    for (float x : v) {
      sq += (double) x * x;
    }
    double norm = Math.max(Math.sqrt(sq), 1e-12);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / norm);
    }
    return v;
  }
}
