package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.VectorKernels.F;
import static io.llmops.runtime.cpu.tensor.VectorKernels.I;
import static io.llmops.runtime.cpu.tensor.VectorKernels.BS;

import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API kernels for the 16-bit float rows, F16 and BF16 (one loop; {@code bf16} selects the widening, a
 * loop-invariant branch that C2 unswitches).
 *
 * <p>BF16 is the top half of a float: widening is a 16-bit shift. Java 17's Vector API has no half-float
 * conversion, so F16 is widened with integer operations, exactly: the 15 magnitude bits shifted left by 13 are a
 * float whose value is the half's times 2<sup>-112</sup> (for normal halves and, as float subnormals, for subnormal
 * ones), so one multiplication by 2<sup>112</sup> restores it without rounding; infinities and NaN (exponent 31) are
 * patched with a blend.
 */
final class HalfVector {

  private HalfVector() {}

  static float dot(ByteBuffer buffer, int offset, float[] x, int xOffset, int n, boolean bf16) {
    byte[] w = VectorKernels.rows(buffer, offset, 2 * n); // see VectorKernels.rows for why
    int lanes = F.length();
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    int i = 0;
    int unrolled = n - n % (2 * lanes);
    for (; i < unrolled; i += 2 * lanes) { // phase 1: two vectors per iteration
      acc0 = load(w, 2 * i, bf16).fma(FloatVector.fromArray(F, x, xOffset + i), acc0);
      acc1 = load(w, 2 * (i + lanes), bf16).fma(FloatVector.fromArray(F, x, xOffset + i + lanes), acc1);
    }
    for (; i < F.loopBound(n); i += lanes) { // phase 2: one vector
      acc0 = load(w, 2 * i, bf16).fma(FloatVector.fromArray(F, x, xOffset + i), acc0);
    }
    float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) { // phase 3: scalar tail
      short h = buffer.getShort(offset + 2 * i);
      sum += (bf16 ? HalfFloats.bf16ToFloat(h) : HalfFloats.toFloat(h)) * x[xOffset + i];
    }
    return sum;
  }

  /**
   * Loads {@code F.length()} 16-bit floats at byte {@code at} of the staged row (little-endian, checked in
   * VectorKernels) and widens them exactly.
   */
  private static FloatVector load(byte[] w, int at, boolean bf16) {
    IntVector h = (IntVector) ByteVector.fromArray(BS, w, at).reinterpretAsShorts().castShape(I, 0);
    if (bf16) {
      return h.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }
    IntVector magnitude = h.and(0x7fff);
    IntVector shifted = magnitude.lanewise(VectorOperators.LSHL, 13);
    IntVector finite = shifted.reinterpretAsFloats().mul(0x1p112f).reinterpretAsInts();
    VectorMask<Integer> special = magnitude.compare(VectorOperators.GE, 0x7c00);
    IntVector bits = finite.blend(shifted.or(0x7f80_0000), special);
    return bits.or(h.and(0x8000).lanewise(VectorOperators.LSHL, 16)).reinterpretAsFloats();
  }
}
