package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.Q6_KMatrix.BLOCK;
import static io.llmops.runtime.cpu.tensor.Q6_KMatrix.BLOCK_BYTES;
import static io.llmops.runtime.cpu.tensor.Q6_KMatrix.D;
import static io.llmops.runtime.cpu.tensor.Q6_KMatrix.QH;
import static io.llmops.runtime.cpu.tensor.Q6_KMatrix.SCALES;
import static io.llmops.runtime.cpu.tensor.VectorKernels.B;
import static io.llmops.runtime.cpu.tensor.VectorKernels.F;
import static io.llmops.runtime.cpu.tensor.VectorKernels.I;
import static io.llmops.runtime.cpu.tensor.VectorKernels.LANES;

import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API kernel for Q6_K rows. For each 128-element half and each group of {@code lanes} positions {@code l}
 * (within which the sub-block scale index {@code l / 16} is constant, as lanes divide 16), the four 6-bit values of
 * elements {@code l, l+32, l+64, l+96} are assembled from ql and qh as int lanes, re-centred (minus 32),
 * widened, scaled and multiplied with x into two accumulators for the row. Rows are whole super-blocks, so there is no
 * tail.
 */
final class Q6_KVector {

  private Q6_KVector() {}

  static float dot(ByteBuffer buffer, int offset, float[] x, int xOffset, int n) {
    byte[] w = VectorKernels.rows(buffer, offset, n / BLOCK * BLOCK_BYTES); // see VectorKernels.rows for why
    // Two accumulators for the whole row, reduced once at the end (a reduction per group of lanes cost as much as
    // the group's arithmetic). Everything is in this one method so that no vector crosses a method boundary.
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / BLOCK; b++) {
      int block = b * BLOCK_BYTES;
      float d = VectorKernels.half(w, block + D);
      for (int half = 0; half < 2; half++) {
        int xBase = xOffset + b * BLOCK + 128 * half;
        for (int l = 0; l < 32; l += LANES) {
          int ql = block + 64 * half + l;
          int sc = block + SCALES + 8 * half + l / 16;
          // Bits are assembled as ints: Java 17 compiles int lane shifts to single instructions, byte shifts it
          // emulates.
          IntVector low0 = widen(w, ql);
          IntVector low1 = widen(w, ql + 32);
          IntVector high = widen(w, block + QH + 32 * half + l);
          IntVector q1 = low0.and(0x0f).or(high.and(3).lanewise(VectorOperators.LSHL, 4)).sub(32);
          IntVector q2 = low1.and(0x0f).or(high.and(0x0c).lanewise(VectorOperators.LSHL, 2)).sub(32);
          IntVector q3 = low0.lanewise(VectorOperators.ASHR, 4).and(0x0f).or(high.and(0x30)).sub(32);
          IntVector q4 = low1.lanewise(VectorOperators.ASHR, 4).and(0x0f)
              .or(high.lanewise(VectorOperators.ASHR, 2).and(0x30)).sub(32);
          acc0 = ((FloatVector) q1.castShape(F, 0)).mul(d * w[sc]).fma(FloatVector.fromArray(F, x, xBase + l), acc0);
          acc1 = ((FloatVector) q2.castShape(F, 0)).mul(d * w[sc + 2])
              .fma(FloatVector.fromArray(F, x, xBase + l + 32), acc1);
          acc0 = ((FloatVector) q3.castShape(F, 0)).mul(d * w[sc + 4])
              .fma(FloatVector.fromArray(F, x, xBase + l + 64), acc0);
          acc1 = ((FloatVector) q4.castShape(F, 0)).mul(d * w[sc + 6])
              .fma(FloatVector.fromArray(F, x, xBase + l + 96), acc1);
        }
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  private static IntVector widen(byte[] w, int at) {
    return (IntVector) ByteVector.fromArray(B, w, at).castShape(I, 0);
  }
}
