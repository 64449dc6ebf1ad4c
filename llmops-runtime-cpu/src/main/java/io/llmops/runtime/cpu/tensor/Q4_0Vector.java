package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.Q4_0Matrix.BLOCK;
import static io.llmops.runtime.cpu.tensor.Q4_0Matrix.BLOCK_BYTES;
import static io.llmops.runtime.cpu.tensor.VectorKernels.B;
import static io.llmops.runtime.cpu.tensor.VectorKernels.F;
import static io.llmops.runtime.cpu.tensor.VectorKernels.LANES;

import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API kernels for Q4_0 rows, staged through a per-thread array like {@link Q8_0Vector}. The 16 nibble bytes
 * of a block are loaded {@code lanes} at a time; the low nibbles are elements {@code p..}, the high nibbles elements
 * {@code 16 + p..}. Both are re-centred while still bytes, with byte operations x86 has: the low ones as
 * {@code (q & 0x0f) - 8}, the high ones as {@code (q & 0xf0) ^ 0x80}, which is {@code 16 * (hi - 8)} as a signed
 * byte, the factor 16 being taken out of x (scaling by a power of two is exact). There is no byte shift in x86, and a
 * byte-lane {@code LSHR} compiled to a widen-shift-narrow sequence that made this kernel slower than the Q8_0 one.
 * The block sum is scaled by {@code d} into a long-lived accumulator. Mat-vec rows go two at a time with the per-row
 * arithmetic of the single-row kernel, so results do not depend on the split (on Java 17; see {@link Q8_0Vector}).
 * Four rows per pass, as Q8_0 does, exceeded C2's inlining budget (the nibble unpacking makes each row's chain longer):
 * vectors were boxed, 18.9 MB allocated per 4096 x 4096 mat-vec and three times the time.
 */
final class Q4_0Vector {

  /** Undoes the factor 16 of the high nibbles, see the class comment. */
  private static final float SIXTEENTH = 1f / 16;

  private Q4_0Vector() {}

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    byte[] a = VectorKernels.rows(w, offset, n / BLOCK * BLOCK_BYTES);
    return dot(a, x, xOffset, n);
  }

  /** {@code out[r] = dot(row r)} for rows {@code [from, to)} of rows of {@code rowBytes} bytes. */
  static void dotRows(ByteBuffer w, int rowBytes, float[] x, int n, float[] out, int from, int to) {
    int r = from;
    for (; r + 2 <= to; r += 2) {
      dot2(VectorKernels.rows(w, r * rowBytes, 2 * rowBytes), rowBytes, x, n, out, r);
    }
    for (; r < to; r++) {
      out[r] = dot(VectorKernels.rows(w, r * rowBytes, rowBytes), x, 0, n);
    }
  }

  /** One row at {@code a[0..]}. The per-row arithmetic of {@link #dot2}, operation for operation. */
  private static float dot(byte[] a, float[] x, int xOffset, int n) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / BLOCK; b++) {
      int q = b * BLOCK_BYTES + 2;
      int xb = xOffset + b * BLOCK;
      ByteVector v = ByteVector.fromArray(B, a, q);
      FloatVector s = high(v).mul(FloatVector.fromArray(F, x, xb + BLOCK / 2).mul(SIXTEENTH));
      s = low(v).fma(FloatVector.fromArray(F, x, xb), s);
      for (int p = LANES; p < BLOCK / 2; p += LANES) {
        v = ByteVector.fromArray(B, a, q + p);
        s = high(v).fma(FloatVector.fromArray(F, x, xb + BLOCK / 2 + p).mul(SIXTEENTH), s);
        s = low(v).fma(FloatVector.fromArray(F, x, xb + p), s);
      }
      acc = s.fma(FloatVector.broadcast(F, VectorKernels.half(a, q - 2)), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  /** Two consecutive rows at {@code a[0..]}, {@code a[rowBytes..]}; results to {@code out[r]}, {@code out[r + 1]}. */
  private static void dot2(byte[] a, int rowBytes, float[] x, int n, float[] out, int r) {
    int o1 = rowBytes;
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    for (int b = 0; b < n / BLOCK; b++) {
      int q = b * BLOCK_BYTES + 2;
      int xb = b * BLOCK;
      FloatVector xl = FloatVector.fromArray(F, x, xb);
      FloatVector xh = FloatVector.fromArray(F, x, xb + BLOCK / 2).mul(SIXTEENTH);
      ByteVector v0 = ByteVector.fromArray(B, a, q);
      ByteVector v1 = ByteVector.fromArray(B, a, o1 + q);
      FloatVector s0 = low(v0).fma(xl, high(v0).mul(xh));
      FloatVector s1 = low(v1).fma(xl, high(v1).mul(xh));
      for (int p = LANES; p < BLOCK / 2; p += LANES) {
        xl = FloatVector.fromArray(F, x, xb + p);
        xh = FloatVector.fromArray(F, x, xb + BLOCK / 2 + p).mul(SIXTEENTH);
        v0 = ByteVector.fromArray(B, a, q + p);
        v1 = ByteVector.fromArray(B, a, o1 + q + p);
        s0 = low(v0).fma(xl, high(v0).fma(xh, s0));
        s1 = low(v1).fma(xl, high(v1).fma(xh, s1));
      }
      acc0 = s0.fma(FloatVector.broadcast(F, VectorKernels.half(a, q - 2)), acc0);
      acc1 = s1.fma(FloatVector.broadcast(F, VectorKernels.half(a, o1 + q - 2)), acc1);
    }
    out[r] = acc0.reduceLanes(VectorOperators.ADD);
    out[r + 1] = acc1.reduceLanes(VectorOperators.ADD);
  }

  /** The low nibbles of {@code v}, minus 8, as floats. */
  private static FloatVector low(ByteVector v) {
    return (FloatVector) v.and((byte) 0x0f).sub((byte) 8).castShape(F, 0);
  }

  /** The high nibbles of {@code v}, minus 8, times 16, as floats. */
  private static FloatVector high(ByteVector v) {
    return (FloatVector) v.and((byte) 0xf0).lanewise(VectorOperators.XOR, (byte) 0x80).castShape(F, 0);
  }
}
