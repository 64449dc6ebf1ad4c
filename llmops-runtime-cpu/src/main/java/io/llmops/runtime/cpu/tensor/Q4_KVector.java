package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.Q4_KMatrix.BLOCK;
import static io.llmops.runtime.cpu.tensor.Q4_KMatrix.BLOCK_BYTES;
import static io.llmops.runtime.cpu.tensor.Q4_KMatrix.QS;
import static io.llmops.runtime.cpu.tensor.Q4_KMatrix.SCALES;
import static io.llmops.runtime.cpu.tensor.VectorKernels.B;
import static io.llmops.runtime.cpu.tensor.VectorKernels.F;
import static io.llmops.runtime.cpu.tensor.VectorKernels.LANES;

import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API kernel for Q4_K rows. Per 64-element chunk the two sub-blocks' scale and min are decoded once
 * (scalar); the nibbles are widened and turned into weights with one FMA ({@code q * d*scale - dmin*min}) and
 * accumulated against x with another. Low and high nibble sub-blocks go to two accumulators for the whole row.
 * Rows are whole super-blocks, so there is no tail.
 */
final class Q4_KVector {

  private Q4_KVector() {}

  static float dot(ByteBuffer buffer, int offset, float[] x, int xOffset, int n) {
    byte[] w = VectorKernels.rows(buffer, offset, n / BLOCK * BLOCK_BYTES); // see VectorKernels.rows for why
    // Two accumulators for the whole row, reduced once at the end (a reduction per chunk cost as much as the chunk's
    // arithmetic). Everything is in this one method so that no vector crosses a method boundary (a vector passed to
    // or returned from a method C2 did not inline is boxed: measured 5x slower).
    FloatVector sum0 = FloatVector.zero(F);
    FloatVector sum1 = FloatVector.zero(F);
    for (int b = 0; b < n / BLOCK; b++) {
      int block = b * BLOCK_BYTES;
      float d = VectorKernels.half(w, block);
      float dmin = VectorKernels.half(w, block + 2);
      for (int c = 0; c < 4; c++) {
        int xBase = xOffset + b * BLOCK + 64 * c;
        FloatVector scale0 = FloatVector.broadcast(F, d * scale(w, block + SCALES, 2 * c));
        FloatVector min0 = FloatVector.broadcast(F, -(dmin * min(w, block + SCALES, 2 * c)));
        FloatVector scale1 = FloatVector.broadcast(F, d * scale(w, block + SCALES, 2 * c + 1));
        FloatVector min1 = FloatVector.broadcast(F, -(dmin * min(w, block + SCALES, 2 * c + 1)));
        for (int p = 0; p < 32; p += LANES) {
          ByteVector q = ByteVector.fromArray(B, w, block + QS + 32 * c + p);
          FloatVector lo = VectorKernels.bytesToFloats(q.and((byte) 0x0f));
          // The high nibbles by a shift of 64-bit lanes and a mask: x86 has no byte shift (see Q4_0Vector).
          FloatVector hi = VectorKernels.bytesToFloats(
              q.reinterpretAsLongs().lanewise(VectorOperators.LSHR, 4).reinterpretAsBytes().and((byte) 0x0f));
          sum0 = lo.fma(scale0, min0).fma(FloatVector.fromArray(F, x, xBase + p), sum0);
          sum1 = hi.fma(scale1, min1).fma(FloatVector.fromArray(F, x, xBase + 32 + p), sum1);
        }
      }
    }
    return sum0.add(sum1).reduceLanes(VectorOperators.ADD);
  }

  /** {@link Q4_KMatrix#scale} on the staged row. */
  private static int scale(byte[] w, int scales, int j) {
    if (j < 4) {
      return w[scales + j] & 63;
    }
    return (w[scales + j + 4] & 0x0f) | (((w[scales + j - 4] & 0xff) >>> 6) << 4);
  }

  /** {@link Q4_KMatrix#min} on the staged row. */
  private static int min(byte[] w, int scales, int j) {
    if (j < 4) {
      return w[scales + j + 4] & 63;
    }
    return ((w[scales + j + 4] & 0xff) >>> 4) | (((w[scales + j] & 0xff) >>> 6) << 4);
  }
}
