package io.llmops.runtime.cpu.model;

import io.llmops.runtime.cpu.tensor.HalfFloats;
import java.util.Arrays;

/**
 * The attention of one query row and head over float keys and values, for batches (prefill) whose cached keys and
 * values {@link CpuTensorOps} converted from F16 once per layer: each cached element is then converted once instead
 * of once per query row and head, and the loops are plain float loops. Same computation as the F16 path of
 * {@code CpuTensorOps.AttentionBody}: the query (already rounded to F16 by the caller) and the softmax weights are
 * rounded to F16 as ggml does; the query-key dot runs in four interleaved partial sums (a float rounding difference
 * from the sequential sum, as ggml's SIMD F16 dot has) and the value sum is a float axpy that C2 vectorises.
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
   * @param kf keys as floats, position {@code p} of this KV head at {@code p * kvW + ko}
   * @param vf values as floats, same layout
   * @param ko the offset of this KV head in a position's row
   * @param kvW floats per position
   * @param oa the output
   * @param qo where this query's output starts
   */
  static void attend(float[] s, int len, int hd, float scale, float[] kf, float[] vf, int ko, int kvW, float[] oa,
      int qo) {
    float max = Float.NEGATIVE_INFINITY;
    int hd4 = hd & ~3;
    for (int p = 0; p < len; p++) {
      int kb = p * kvW + ko;
      float d0 = 0;
      float d1 = 0;
      float d2 = 0;
      float d3 = 0;
      int i = 0;
      for (; i < hd4; i += 4) {
        d0 += s[len + i] * kf[kb + i];
        d1 += s[len + i + 1] * kf[kb + i + 1];
        d2 += s[len + i + 2] * kf[kb + i + 2];
        d3 += s[len + i + 3] * kf[kb + i + 3];
      }
      for (; i < hd; i++) {
        d0 += s[len + i] * kf[kb + i];
      }
      s[p] = ((d0 + d1) + (d2 + d3)) * scale;
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
