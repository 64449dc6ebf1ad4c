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
 * bytes, then widened; the block sum is scaled by {@code d} into the accumulator; no scalar tail (rows are whole
 * blocks).
 */
final class Q4_0Vector {

  private Q4_0Vector() {}

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    // One flat method on purpose: C2 may compile a helper on its own instead of inlining it, and a vector passed
    // to or returned from a non-inlined method is boxed (measured 3-5x slower on the K-quants).
    int lanes = F.length();
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / BLOCK; b++) {
      int block = offset + b * BLOCK_BYTES;
      int xBase = xOffset + b * BLOCK;
      FloatVector sum = FloatVector.zero(F);
      for (int p = 0; p < BLOCK / 2; p += lanes) {
        ByteVector q = ByteVector.fromByteBuffer(B, w, block + 2 + p, ByteOrder.LITTLE_ENDIAN);
        FloatVector lo = VectorKernels.bytesToFloats(q.and((byte) 0x0f).sub((byte) 8));
        FloatVector hi =
            VectorKernels.bytesToFloats(q.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0f).sub((byte) 8));
        sum = lo.fma(FloatVector.fromArray(F, x, xBase + p), sum);
        sum = hi.fma(FloatVector.fromArray(F, x, xBase + BLOCK / 2 + p), sum);
      }
      acc = sum.fma(FloatVector.broadcast(F, HalfFloats.toFloat(w.getShort(block))), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }
}
