package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.Q4_0Matrix.BLOCK;
import static io.llmops.runtime.cpu.tensor.Q4_0Matrix.BLOCK_BYTES;
import static io.llmops.runtime.cpu.tensor.VectorKernels.B;
import static io.llmops.runtime.cpu.tensor.VectorKernels.F;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API kernel for Q4_0 rows: the 16 nibble bytes of a block are loaded {@code lanes} at a time; the low nibbles
 * are elements {@code p..}, the high nibbles elements {@code 16 + p..}; both are re-centred (minus 8) while still
 * bytes, then widened. Two blocks per iteration into two accumulators; no scalar tail (rows are whole blocks).
 */
final class Q4_0Vector {

  private Q4_0Vector() {}

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    int blocks = n / BLOCK;
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int b = 0;
    for (; b + 1 < blocks; b += 2) { // phase 1: two blocks per iteration
      acc0 = block(w, offset + b * BLOCK_BYTES, x, xOffset + b * BLOCK, acc0);
      acc1 = block(w, offset + (b + 1) * BLOCK_BYTES, x, xOffset + (b + 1) * BLOCK, acc1);
    }
    for (; b < blocks; b++) { // phase 2: the odd block
      acc0 = block(w, offset + b * BLOCK_BYTES, x, xOffset + b * BLOCK, acc0);
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  private static FloatVector block(ByteBuffer w, int block, float[] x, int xBase, FloatVector acc) {
    int lanes = F.length();
    FloatVector sum = FloatVector.zero(F);
    for (int p = 0; p < BLOCK / 2; p += lanes) {
      ByteVector q = ByteVector.fromByteBuffer(B, w, block + 2 + p, ByteOrder.LITTLE_ENDIAN);
      FloatVector lo = VectorKernels.bytesToFloats(q.and((byte) 0x0f).sub((byte) 8));
      FloatVector hi = VectorKernels.bytesToFloats(q.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0f).sub((byte) 8));
      sum = lo.fma(FloatVector.fromArray(F, x, xBase + p), sum);
      sum = hi.fma(FloatVector.fromArray(F, x, xBase + BLOCK / 2 + p), sum);
    }
    return sum.fma(FloatVector.broadcast(F, HalfFloats.toFloat(w.getShort(block))), acc);
  }
}
