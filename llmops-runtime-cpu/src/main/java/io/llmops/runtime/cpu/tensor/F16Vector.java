package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.VectorKernels.F;
import static io.llmops.runtime.cpu.tensor.VectorKernels.I;
import static io.llmops.runtime.cpu.tensor.VectorKernels.S;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API kernel for F16 rows. Java 17's Vector API has no half-float conversion, so it is done with integer
 * operations, exactly: the 15 magnitude bits shifted left by 13 are a float whose value is the half's value times
 * 2<sup>-112</sup> (for normal halves and, as float subnormals, for subnormal ones), so one multiplication by
 * 2<sup>112</sup> restores it without rounding; infinities and NaN (exponent 31) are patched with a blend.
 */
final class F16Vector {

  private F16Vector() {}

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
      sum += HalfFloats.toFloat(w.getShort(offset + 2 * i)) * x[xOffset + i];
    }
    return sum;
  }

  /** Loads {@code F.length()} halves at byte {@code at} and widens them exactly. */
  static FloatVector load(ByteBuffer w, int at) {
    IntVector h = (IntVector) ShortVector.fromByteBuffer(S, w, at, ByteOrder.LITTLE_ENDIAN).castShape(I, 0);
    IntVector magnitude = h.and(0x7fff);
    IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
    IntVector finite = shifted.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
    VectorMask<Integer> special = magnitude.compare(VectorOperators.GE, 0x7c00);
    IntVector bits = finite.blend(shifted.or(0x7f80_0000), special);
    return bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
  }
}
