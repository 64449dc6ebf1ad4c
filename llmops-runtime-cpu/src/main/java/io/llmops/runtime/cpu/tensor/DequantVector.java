package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.VectorKernels.B;
import static io.llmops.runtime.cpu.tensor.VectorKernels.BF;
import static io.llmops.runtime.cpu.tensor.VectorKernels.F;

import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API dequantisation of whole blocks to floats, for the tiles of the batch product ({@link BatchVector}).
 * Each element is computed exactly as the scalar {@code dequantize} of its matrix class computes it (an integer
 * widened to float times the block scale, one rounding), so the two agree bit for bit. The block layouts are
 * those of {@link Q8_0Matrix} and {@link Q4_0Matrix}; a block is a whole number of vectors (16 or 8 lanes), so
 * there is no scalar tail. The bytes are first staged into this thread's array ({@link VectorKernels#rows}) and
 * loaded from there, like the mat-vec kernels: the Vector API's buffer loads are slow on mapped buffers on Java 17
 * and do not exist on Java 22+.
 *
 * <p>Stateless and thread-safe; writes only to the caller's array.
 */
final class DequantVector {

  private DequantVector() {}

  /** {@code count} Q8_0 elements starting at byte {@code offset} (a block boundary) to {@code out[outOffset ..]}. */
  static void q8_0(ByteBuffer w, int offset, float[] out, int outOffset, int count) {
    int lanes = F.length();
    int blocks = count / Q8_0Matrix.BLOCK;
    byte[] a = VectorKernels.rows(w, offset, blocks * Q8_0Matrix.BLOCK_BYTES);
    for (int b = 0; b < blocks; b++) {
      int block = b * Q8_0Matrix.BLOCK_BYTES;
      int base = outOffset + b * Q8_0Matrix.BLOCK;
      FloatVector d = FloatVector.broadcast(F, VectorKernels.half(a, block));
      for (int p = 0; p < Q8_0Matrix.BLOCK; p += lanes) {
        ((FloatVector) ByteVector.fromArray(B, a, block + 2 + p).castShape(F, 0)).mul(d).intoArray(out, base + p);
      }
    }
  }

  /** {@code count} Q4_0 elements starting at byte {@code offset} (a block boundary) to {@code out[outOffset ..]}. */
  static void q4_0(ByteBuffer w, int offset, float[] out, int outOffset, int count) {
    int lanes = F.length();
    int half = Q4_0Matrix.BLOCK / 2;
    int blocks = count / Q4_0Matrix.BLOCK;
    byte[] a = VectorKernels.rows(w, offset, blocks * Q4_0Matrix.BLOCK_BYTES);
    for (int b = 0; b < blocks; b++) {
      int block = b * Q4_0Matrix.BLOCK_BYTES;
      int base = outOffset + b * Q4_0Matrix.BLOCK;
      FloatVector d = FloatVector.broadcast(F, VectorKernels.half(a, block));
      for (int p = 0; p < half; p += lanes) {
        ByteVector q = ByteVector.fromArray(B, a, block + 2 + p);
        ((FloatVector) q.and((byte) 0x0f).sub((byte) 8).castShape(F, 0)).mul(d).intoArray(out, base + p);
        ((FloatVector) q.lanewise(VectorOperators.LSHR, 4).and((byte) 0x0f).sub((byte) 8).castShape(F, 0))
            .mul(d).intoArray(out, base + half + p);
      }
    }
  }

  /** {@code count} F32 elements starting at byte {@code offset} to {@code out[outOffset ..]}. */
  static void f32(ByteBuffer w, int offset, float[] out, int outOffset, int count) {
    int lanes = F.length();
    int whole = F.loopBound(count);
    byte[] a = VectorKernels.rows(w, offset, 4 * whole);
    int i = 0;
    for (; i < whole; i += lanes) { // little-endian bytes, checked in VectorKernels
      ByteVector.fromArray(BF, a, 4 * i).reinterpretAsFloats().intoArray(out, outOffset + i);
    }
    for (; i < count; i++) {
      out[outOffset + i] = w.getFloat(offset + 4 * i);
    }
  }
}
