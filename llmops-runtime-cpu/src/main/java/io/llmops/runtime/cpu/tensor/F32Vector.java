package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.VectorKernels.BF;
import static io.llmops.runtime.cpu.tensor.VectorKernels.F;

import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Vector API kernel for F32 rows: four independent accumulators hide the FMA latency. */
final class F32Vector {

  private F32Vector() {}

  static float dot(ByteBuffer buffer, int offset, float[] x, int xOffset, int n) {
    byte[] w = VectorKernels.rows(buffer, offset, 4 * n); // see VectorKernels.rows for why
    int lanes = F.length();
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    FloatVector acc2 = FloatVector.zero(F);
    FloatVector acc3 = FloatVector.zero(F);
    int i = 0;
    int unrolled = n - n % (4 * lanes);
    for (; i < unrolled; i += 4 * lanes) { // phase 1: unrolled body
      acc0 = load(w, i).fma(FloatVector.fromArray(F, x, xOffset + i), acc0);
      acc1 = load(w, i + lanes).fma(FloatVector.fromArray(F, x, xOffset + i + lanes), acc1);
      acc2 = load(w, i + 2 * lanes).fma(FloatVector.fromArray(F, x, xOffset + i + 2 * lanes), acc2);
      acc3 = load(w, i + 3 * lanes).fma(FloatVector.fromArray(F, x, xOffset + i + 3 * lanes), acc3);
    }
    int whole = F.loopBound(n);
    for (; i < whole; i += lanes) { // phase 2: one vector at a time
      acc0 = load(w, i).fma(FloatVector.fromArray(F, x, xOffset + i), acc0);
    }
    float sum = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) { // phase 3: scalar tail
      sum += buffer.getFloat(offset + 4 * i) * x[xOffset + i];
    }
    return sum;
  }

  /** {@code lanes} floats at element {@code element} of the staged row (little-endian, checked in VectorKernels). */
  private static FloatVector load(byte[] w, int element) {
    return ByteVector.fromArray(BF, w, 4 * element).reinterpretAsFloats();
  }
}
