package io.llmops.runtime.cpu.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converts floats to the bytes of a GGUF tensor of a given type: used to write quantised model files (the synthetic
 * test models) and by tests. Q8_0 and Q4_0 follow ggml's reference quantisers ({@code quantize_row_q8_0_ref},
 * {@code quantize_row_q4_0_ref}) exactly; Q4_K and Q6_K use simpler, non-iterative choices of scales in the same
 * format (bit-compatible with ggml readers, slightly less accurate than llama-quantize); F16/BF16 round to nearest
 * even. The per-element error bounds are documented on each format's quantiser and checked by
 * {@code QuantizationTest}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class Quantization {

  private Quantization() {}

  /**
   * Quantises {@code values} (one or more rows laid end to end) to a new little-endian byte array.
   *
   * @param type the target type: F32, F16, BF16, Q8_0, Q4_0, Q4_K or Q6_K
   * @param values the elements; length a multiple of {@code type.blockSize()}
   * @return the tensor bytes, {@code type.byteSize(values.length)} long
   * @throws IllegalArgumentException if the type is not supported or the length is not a whole number of blocks
   */
  public static byte[] quantize(GgmlType type, float[] values) {
    byte[] bytes = new byte[Math.toIntExact(type.byteSize(values.length))];
    quantize(type, values, 0, values.length, ByteBuffer.wrap(bytes), 0);
    return bytes;
  }

  /**
   * Quantises {@code n} elements of {@code src} into {@code dst} at byte {@code dstOffset} (absolute, little-endian
   * regardless of the buffer's order; the buffer's position is not changed).
   *
   * @param type the target type: F32, F16, BF16, Q8_0, Q4_0, Q4_K or Q6_K
   * @param src the elements
   * @param srcOffset the first element
   * @param n how many elements, a multiple of {@code type.blockSize()}
   * @param dst the destination, writable, with {@code type.byteSize(n)} bytes from {@code dstOffset}
   * @param dstOffset the first byte to write
   * @throws IllegalArgumentException if the type is not supported, {@code n} is not a whole number of blocks, or a
   *     range is out of bounds
   */
  public static void quantize(GgmlType type, float[] src, int srcOffset, int n, ByteBuffer dst, int dstOffset) {
    long bytes = type.byteSize(n);
    if (srcOffset < 0 || srcOffset + (long) n > src.length || dstOffset < 0 || dstOffset + bytes > dst.limit()) {
      throw new IllegalArgumentException("quantize " + type + ": " + n + " elements from " + srcOffset + " of "
          + src.length + " into " + bytes + " bytes at " + dstOffset + " of " + dst.limit());
    }
    ByteBuffer le = dst.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    switch (type) {
      case F32 -> F32Matrix.quantize(src, srcOffset, n, le, dstOffset);
      case F16 -> F16Matrix.quantize(src, srcOffset, n, le, dstOffset);
      case BF16 -> BF16Matrix.quantize(src, srcOffset, n, le, dstOffset);
      case Q8_0 -> Q8_0Matrix.quantize(src, srcOffset, n, le, dstOffset);
      case Q4_0 -> Q4_0Matrix.quantize(src, srcOffset, n, le, dstOffset);
      case Q4_K -> Q4_KMatrix.quantize(src, srcOffset, n, le, dstOffset);
      case Q6_K -> Q6_KMatrix.quantize(src, srcOffset, n, le, dstOffset);
      default -> throw new IllegalArgumentException("cannot quantize to " + type
          + " (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K)");
    }
  }
}
