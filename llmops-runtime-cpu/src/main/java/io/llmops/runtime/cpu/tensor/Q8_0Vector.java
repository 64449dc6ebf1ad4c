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
 * with x, and the block sum is scaled by {@code d} into one of two accumulators (two blocks per iteration). A row is
 * a whole number of blocks and a block a whole number of vectors, so there is no scalar tail.
 */
final class Q8_0Vector {

  private Q8_0Vector() {}

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
    for (int p = 0; p < BLOCK; p += lanes) {
      FloatVector q = VectorKernels.bytesToFloats(
          ByteVector.fromByteBuffer(B, w, block + 2 + p, ByteOrder.LITTLE_ENDIAN));
      sum = q.fma(FloatVector.fromArray(F, x, xBase + p), sum);
    }
    return sum.fma(FloatVector.broadcast(F, HalfFloats.toFloat(w.getShort(block))), acc);
  }
}
