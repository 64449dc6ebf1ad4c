package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.VectorKernels.F;
import static io.llmops.runtime.cpu.tensor.VectorKernels.I;
import static io.llmops.runtime.cpu.tensor.VectorKernels.S;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/** Vector API kernel for BF16 rows: a bfloat16 is the top half of a float, so widening is a 16-bit shift. */
final class BF16Vector {

  private BF16Vector() {}

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    int lanes = F.length();
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int i = 0;
    int unrolled = n - n % (2 * lanes);
    for (; i < unrolled; i += 2 * lanes) { // phase 1: two vectors per iteration
      acc0 = load(w, offset + 2 * i).fma(FloatVector.fromArray(F, x, xOffset + i), acc0);
      acc1 = load(w, offset + 2 * (i + lanes)).fma(FloatVector.fromArray(F, x, xOffset + i + lanes), acc1);
    }
    for (; i < F.loopBound(n); i += lanes) { // phase 2: one vector
      acc0 = load(w, offset + 2 * i).fma(FloatVector.fromArray(F, x, xOffset + i), acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) { // phase 3: scalar tail
      sum += HalfFloats.bf16ToFloat(w.getShort(offset + 2 * i)) * x[xOffset + i];
    }
    return sum;
  }

  private static FloatVector load(ByteBuffer w, int at) {
    IntVector h = (IntVector) ShortVector.fromByteBuffer(S, w, at, ByteOrder.LITTLE_ENDIAN).castShape(I, 0);
    return h.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
  }
}
