package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.VectorKernels.F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * The prefill micro-kernel: dot products of one dequantised weight row (float[], in L1/L2 cache) with four input
 * vectors at once, so each weight vector is loaded once per four tokens. Three phases: vector body, scalar tail,
 * and the caller handles a batch remainder below four with {@link #dot}.
 */
final class BatchVector {

  private BatchVector() {}

  /** {@code out[outOffset + k * outStride] = w[wOffset..] . x[xOffset + k * xStride ..]} for k = 0..3. */
  static void dot4(float[] w, int wOffset, float[] x, int xOffset, int xStride, int n, float[] out, int outOffset,
      int outStride) {
    int x0 = xOffset;
    int x1 = xOffset + xStride;
    int x2 = xOffset + 2 * xStride;
    int x3 = xOffset + 3 * xStride;
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    FloatVector acc2 = FloatVector.zero(F);
    FloatVector acc3 = FloatVector.zero(F);
    int i = 0;
    for (; i < F.loopBound(n); i += F.length()) { // phase 1: vector body
      FloatVector wv = FloatVector.fromArray(F, w, wOffset + i);
      acc0 = wv.fma(FloatVector.fromArray(F, x, x0 + i), acc0);
      acc1 = wv.fma(FloatVector.fromArray(F, x, x1 + i), acc1);
      acc2 = wv.fma(FloatVector.fromArray(F, x, x2 + i), acc2);
      acc3 = wv.fma(FloatVector.fromArray(F, x, x3 + i), acc3);
    }
    float s0 = acc0.reduceLanes(VectorOperators.ADD);
    float s1 = acc1.reduceLanes(VectorOperators.ADD);
    float s2 = acc2.reduceLanes(VectorOperators.ADD);
    float s3 = acc3.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) { // phase 2: scalar tail
      float wi = w[wOffset + i];
      s0 += wi * x[x0 + i];
      s1 += wi * x[x1 + i];
      s2 += wi * x[x2 + i];
      s3 += wi * x[x3 + i];
    }
    out[outOffset] = s0;
    out[outOffset + outStride] = s1;
    out[outOffset + 2 * outStride] = s2;
    out[outOffset + 3 * outStride] = s3;
  }

  /** One dot product of float arrays. */
  static float dot(float[] w, int wOffset, float[] x, int xOffset, int n) {
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int i = 0;
    int lanes = F.length();
    for (; i < n - n % (2 * lanes); i += 2 * lanes) {
      acc0 = FloatVector.fromArray(F, w, wOffset + i).fma(FloatVector.fromArray(F, x, xOffset + i), acc0);
      acc1 = FloatVector.fromArray(F, w, wOffset + i + lanes)
          .fma(FloatVector.fromArray(F, x, xOffset + i + lanes), acc1);
    }
    for (; i < F.loopBound(n); i += lanes) {
      acc0 = FloatVector.fromArray(F, w, wOffset + i).fma(FloatVector.fromArray(F, x, xOffset + i), acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += w[wOffset + i] * x[xOffset + i];
    }
    return sum;
  }
}
