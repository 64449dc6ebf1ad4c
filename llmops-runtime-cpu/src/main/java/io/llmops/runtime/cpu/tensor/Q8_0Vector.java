package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.Q8_0Matrix.BLOCK;
import static io.llmops.runtime.cpu.tensor.Q8_0Matrix.BLOCK_BYTES;
import static io.llmops.runtime.cpu.tensor.VectorKernels.B;
import static io.llmops.runtime.cpu.tensor.VectorKernels.F;
import static io.llmops.runtime.cpu.tensor.VectorKernels.LANES;

import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API kernels for Q8_0 rows. Rows are first copied from the (mapped) buffer into a per-thread array (see
 * {@link VectorKernels#rows}: vector loads from a {@code byte[]} are about twice as fast as from a direct buffer on
 * Java 17), then each 32-byte block is widened to floats {@code lanes} at a time ({@code castShape} part 0: a
 * sign-extension and a conversion) and multiplied with x; the block sum is scaled by {@code d} into a long-lived
 * accumulator. A row is a whole number of blocks and a block a whole number of vectors: no scalar tail.
 *
 * <p>Mat-vec rows go four at a time ({@link #dotRows}): four independent dependency chains sharing the loads of x,
 * where one row alone is bound by the latency of its accumulator chain. Every row, in a group of four or alone, is
 * computed with the same operations in the same order, so results do not depend on how rows are split over threads
 * (on Java 17, whose C2 adds {@code reduceLanes} in lane order; newer C2s may add as a tree, which can change the last
 * bits between the one-row and four-row methods).
 * The four-row method stays within C2's inlining budget (no vector is boxed: 0 B allocated per call, checked with
 * JMH {@code -prof gc}) because each step is a single Vector API call chain.
 */
final class Q8_0Vector {

  private Q8_0Vector() {}

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    byte[] a = VectorKernels.rows(w, offset, n / BLOCK * BLOCK_BYTES);
    return dot(a, x, xOffset, n);
  }

  /** {@code out[r] = dot(row r)} for rows {@code [from, to)} of rows of {@code rowBytes} bytes. */
  static void dotRows(ByteBuffer w, int rowBytes, float[] x, int n, float[] out, int from, int to) {
    int r = from;
    for (; r + 4 <= to; r += 4) {
      dot4(VectorKernels.rows(w, r * rowBytes, 4 * rowBytes), rowBytes, x, n, out, r);
    }
    for (; r < to; r++) {
      out[r] = dot(VectorKernels.rows(w, r * rowBytes, rowBytes), x, 0, n);
    }
  }

  /** One row at {@code a[0..]}. The per-row arithmetic of {@link #dot4}, operation for operation. */
  private static float dot(byte[] a, float[] x, int xOffset, int n) {
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < n / BLOCK; b++) {
      int q = b * BLOCK_BYTES + 2;
      int xb = xOffset + b * BLOCK;
      FloatVector s = widen(a, q).mul(FloatVector.fromArray(F, x, xb));
      if (LANES == 16) {
        s = widen(a, q + 16).fma(FloatVector.fromArray(F, x, xb + 16), s);
      } else {
        for (int p = LANES; p < BLOCK; p += LANES) {
          s = widen(a, q + p).fma(FloatVector.fromArray(F, x, xb + p), s);
        }
      }
      acc = s.fma(FloatVector.broadcast(F, VectorKernels.half(a, q - 2)), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  /**
   * Four consecutive rows at {@code a[0..]}, {@code a[rowBytes..]}, ...; results to {@code out[r .. r + 4)}.
   *
   * <p>With 16 lanes (AVX-512) the two halves of a block are written out instead of looping over them: together with
   * the 16-bit load of the scale ({@link VectorKernels#half}) that shape gives Java 17's C2 a loop it compiles with
   * fewer bounds checks and register moves (arithmetic of a 4096 x 4096 mat-vec on staged rows 650-760 -> 490-520 us
   * on Java 17, 430-445 -> 385-395 us on Java 25; either change alone gained little on Java 17). The arithmetic, and
   * so every result, is the same as the loop's.
   */
  private static void dot4(byte[] a, int rowBytes, float[] x, int n, float[] out, int r) {
    int o1 = rowBytes;
    int o2 = 2 * rowBytes;
    int o3 = 3 * rowBytes;
    FloatVector acc0 = FloatVector.zero(F);
    FloatVector acc1 = FloatVector.zero(F);
    FloatVector acc2 = FloatVector.zero(F);
    FloatVector acc3 = FloatVector.zero(F);
    for (int b = 0; b < n / BLOCK; b++) {
      int q = b * BLOCK_BYTES + 2;
      int xb = b * BLOCK;
      FloatVector xv = FloatVector.fromArray(F, x, xb);
      FloatVector s0 = widen(a, q).mul(xv);
      FloatVector s1 = widen(a, o1 + q).mul(xv);
      FloatVector s2 = widen(a, o2 + q).mul(xv);
      FloatVector s3 = widen(a, o3 + q).mul(xv);
      if (LANES == 16) { // a constant: C2 parses one branch
        FloatVector xw = FloatVector.fromArray(F, x, xb + 16);
        s0 = widen(a, q + 16).fma(xw, s0);
        s1 = widen(a, o1 + q + 16).fma(xw, s1);
        s2 = widen(a, o2 + q + 16).fma(xw, s2);
        s3 = widen(a, o3 + q + 16).fma(xw, s3);
      } else {
        for (int p = LANES; p < BLOCK; p += LANES) {
          xv = FloatVector.fromArray(F, x, xb + p);
          s0 = widen(a, q + p).fma(xv, s0);
          s1 = widen(a, o1 + q + p).fma(xv, s1);
          s2 = widen(a, o2 + q + p).fma(xv, s2);
          s3 = widen(a, o3 + q + p).fma(xv, s3);
        }
      }
      acc0 = s0.fma(FloatVector.broadcast(F, VectorKernels.half(a, q - 2)), acc0);
      acc1 = s1.fma(FloatVector.broadcast(F, VectorKernels.half(a, o1 + q - 2)), acc1);
      acc2 = s2.fma(FloatVector.broadcast(F, VectorKernels.half(a, o2 + q - 2)), acc2);
      acc3 = s3.fma(FloatVector.broadcast(F, VectorKernels.half(a, o3 + q - 2)), acc3);
    }
    out[r] = acc0.reduceLanes(VectorOperators.ADD);
    out[r + 1] = acc1.reduceLanes(VectorOperators.ADD);
    out[r + 2] = acc2.reduceLanes(VectorOperators.ADD);
    out[r + 3] = acc3.reduceLanes(VectorOperators.ADD);
  }

  /** {@code lanes} signed bytes from {@code a[i..]} as floats. */
  private static FloatVector widen(byte[] a, int i) {
    return (FloatVector) ByteVector.fromArray(B, a, i).castShape(F, 0);
  }
}
