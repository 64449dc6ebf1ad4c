package io.llmops.runtime.cpu.model;

import io.llmops.runtime.cpu.tensor.HalfFloats;
import java.util.Arrays;

/**
 * The attention of one query row and head over float keys and values, for batches (prefill) whose cached keys and
 * values {@link CpuTensorOps} converted from F16 once per layer: each cached element is then converted once instead
 * of once per query row and head, and the loops are plain float loops that C2 vectorises. The keys are stored
 * transposed ({@code kT[column * stride + position]}), so the scores of all positions are built by one axpy per
 * head dimension; every score is still the sequential sum over the head dimension of the F16 path of
 * {@code CpuTensorOps.AttentionBody}, in the same order, and the query and softmax weights are rounded to F16 the
 * same way (as ggml does), so the two paths give identical results.
 *
 * <p>Stateless; writes only to the caller's arrays.
 */
final class BatchAttention {

  private BatchAttention() {}

  /** {@code dst[0 .. size) = F16 src[0 .. size)} as floats. */
  static void toFloat(short[] src, float[] dst, int size) {
    for (int i = 0; i < size; i++) {
      dst[i] = HalfFloats.toFloat(src[i]);
    }
  }

  /** {@code kT[c * len + p] = K[p][c]} as floats, for positions {@code p < len} and columns {@code c < kvW}. */
  static void keysTransposed(short[] k, float[] kT, int len, int kvW) {
    for (int p = 0; p < len; p++) {
      int row = p * kvW;
      for (int c = 0; c < kvW; c++) {
        kT[c * len + p] = HalfFloats.toFloat(k[row + c]);
      }
    }
  }

  /**
   * The unnormalised softmax of the scores {@code s[0 .. len)}, in place ({@code exp(s - max)}), shared by both
   * attention paths; returns {@code 1 / sum} (the sum in double, as ggml's {@code ggml_float}).
   */
  static float softmax(float[] s, int len, float max) {
    double sum = 0;
    for (int p = 0; p < len; p++) {
      s[p] = (float) Math.exp(s[p] - max);
      sum += s[p];
    }
    return (float) (1.0 / sum);
  }

  /**
   * Writes the attention output of one query and head to {@code oa[qo .. qo + hd)}.
   *
   * @param s scratch: the F16-rounded query at {@code s[len .. len + hd)}, scores written to {@code s[0 .. len)}
   * @param len positions attended, {@code 0 .. len - 1}
   * @param hd the head dimension
   * @param scale the score scale, {@code 1 / sqrt(hd)}
   * @param kT keys as floats, transposed: column {@code c} of position {@code p} at {@code c * kStride + p}
   * @param kStride positions per column of {@code kT}, at least {@code len}
   * @param vf values as floats, position {@code p} of this KV head at {@code p * kvW + ko}
   * @param ko the offset of this KV head in a position's row
   * @param kvW floats per position
   * @param oa the output
   * @param qo where this query's output starts
   */
  static void attend(float[] s, int len, int hd, float scale, float[] kT, int kStride, float[] vf, int ko, int kvW,
      float[] oa, int qo) {
    Arrays.fill(s, 0, len, 0f);
    for (int i = 0; i < hd; i++) {
      float q = s[len + i];
      int kb = (ko + i) * kStride;
      for (int p = 0; p < len; p++) {
        s[p] += q * kT[kb + p];
      }
    }
    float max = Float.NEGATIVE_INFINITY;
    for (int p = 0; p < len; p++) {
      s[p] *= scale;
      max = Math.max(max, s[p]);
    }
    float inv = softmax(s, len, max);
    Arrays.fill(oa, qo, qo + hd, 0f);
    for (int p = 0; p < len; p++) {
      float wgt = HalfFloats.toFloat(HalfFloats.fromFloat(s[p] * inv));
      int vb = p * kvW + ko;
      for (int i = 0; i < hd; i++) {
        oa[qo + i] += wgt * vf[vb + i];
      }
    }
  }
}
