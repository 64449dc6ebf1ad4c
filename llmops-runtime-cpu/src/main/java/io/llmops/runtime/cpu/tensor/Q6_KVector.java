package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.Q6_KMatrix.BLOCK;
import static io.llmops.runtime.cpu.tensor.Q6_KMatrix.BLOCK_BYTES;
import static io.llmops.runtime.cpu.tensor.Q6_KMatrix.D;
import static io.llmops.runtime.cpu.tensor.Q6_KMatrix.QH;
import static io.llmops.runtime.cpu.tensor.Q6_KMatrix.SCALES;
import static io.llmops.runtime.cpu.tensor.VectorKernels.B;
import static io.llmops.runtime.cpu.tensor.VectorKernels.F;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API kernel for Q6_K rows. For each 128-element half and each group of {@code lanes} positions {@code l}
 * (within which the sub-block scale index {@code l / 16} is constant, as lanes divide 16), the four 6-bit values of
 * elements {@code l, l+32, l+64, l+96} are assembled from ql and qh while still bytes, re-centred (minus 32),
 * widened, scaled and accumulated into four accumulators. Rows are whole super-blocks, so there is no tail.
 */
final class Q6_KVector {

  private Q6_KVector() {}

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    int lanes = F.length();
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    FloatVector acc2 = FloatVector.zero(F);
    FloatVector acc3 = FloatVector.zero(F);
    for (int b = 0; b < n / BLOCK; b++) {
      int block = offset + b * BLOCK_BYTES;
      float d = HalfFloats.toFloat(w.getShort(block + D));
      for (int half = 0; half < 2; half++) {
        int ql = block + 64 * half;
        int qh = block + QH + 32 * half;
        int sc = block + SCALES + 8 * half;
        int xBase = xOffset + b * BLOCK + 128 * half;
        for (int l = 0; l < 32; l += lanes) {
          int is = l / 16;
          ByteVector low0 = ByteVector.fromByteBuffer(B, w, ql + l, ByteOrder.LITTLE_ENDIAN);
          ByteVector low1 = ByteVector.fromByteBuffer(B, w, ql + l + 32, ByteOrder.LITTLE_ENDIAN);
          ByteVector high = ByteVector.fromByteBuffer(B, w, qh + l, ByteOrder.LITTLE_ENDIAN);
          ByteVector q1 = low0.and((byte) 0x0f).or(high.and((byte) 3).lanewise(VectorOperators.LSHL, 4));
          ByteVector q2 = low1.and((byte) 0x0f)
              .or(high.lanewise(VectorOperators.LSHR, 2).and((byte) 3).lanewise(VectorOperators.LSHL, 4));
          ByteVector q3 = low0.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0f)
              .or(high.lanewise(VectorOperators.LSHR, 4).and((byte) 3).lanewise(VectorOperators.LSHL, 4));
          ByteVector q4 = low1.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0f)
              .or(high.lanewise(VectorOperators.LSHR, 6).and((byte) 3).lanewise(VectorOperators.LSHL, 4));
          acc0 = weights(q1, d * w.get(sc + is)).fma(FloatVector.fromArray(F, x, xBase + l), acc0);
          acc1 = weights(q2, d * w.get(sc + is + 2)).fma(FloatVector.fromArray(F, x, xBase + l + 32), acc1);
          acc2 = weights(q3, d * w.get(sc + is + 4)).fma(FloatVector.fromArray(F, x, xBase + l + 64), acc2);
          acc3 = weights(q4, d * w.get(sc + is + 6)).fma(FloatVector.fromArray(F, x, xBase + l + 96), acc3);
        }
      }
    }
    return acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
  }

  private static FloatVector weights(ByteVector q, float scale) {
    return VectorKernels.bytesToFloats(q.sub((byte) 32)).mul(scale);
  }
}
