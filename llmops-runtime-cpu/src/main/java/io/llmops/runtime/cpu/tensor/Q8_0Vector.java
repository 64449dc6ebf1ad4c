package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.Q8_0Matrix.BLOCK;
import static io.llmops.runtime.cpu.tensor.Q8_0Matrix.BLOCK_BYTES;
import static io.llmops.runtime.cpu.tensor.VectorKernels.B;
import static io.llmops.runtime.cpu.tensor.VectorKernels.F;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API kernel for Q8_0 rows: each 32-byte block is widened to floats in {@code 32 / lanes} pieces, multiplied
 * with x, and the block sum is scaled by {@code d} into the accumulator. A row is
 * a whole number of blocks and a block a whole number of vectors, so there is no scalar tail.
 */
final class Q8_0Vector {

  private Q8_0Vector() {}

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    // One flat method on purpose: C2 may compile a helper on its own instead of inlining it, and a vector passed
    // to or returned from a non-inlined method is boxed (measured 3-5x slower on the K-quants).
    int lanes = F.length();
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / BLOCK; b++) {
      int block = offset + b * BLOCK_BYTES;
      int xBase = xOffset + b * BLOCK;
      FloatVector sum = FloatVector.zero(F);
      for (int p = 0; p < BLOCK; p += lanes) {
        FloatVector q = VectorKernels.bytesToFloats(
            ByteVector.fromByteBuffer(B, w, block + 2 + p, ByteOrder.LITTLE_ENDIAN));
        sum = q.fma(FloatVector.fromArray(F, x, xBase + p), sum);
      }
      acc = sum.fma(FloatVector.broadcast(F, HalfFloats.toFloat(w.getShort(block))), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }
}
