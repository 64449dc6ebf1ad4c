package io.llmops.runtime.cpu.tensor;

import java.nio.ByteBuffer;

/**
 * GGML_TYPE_Q4_0 ({@code block_q4_0}): blocks of 32 elements, 18 bytes each: an F16 scale {@code d}, then 16 bytes
 * of nibbles {@code qs}; element {@code j < 16} is {@code ((qs[j] & 0xF) - 8) * d} and element {@code j + 16} is
 * {@code ((qs[j] >> 4) - 8) * d} ({@code dequantize_row_q4_0}). Scalar reference kernels and the quantiser of
 * {@code quantize_row_q4_0_ref}.
 */
final class Q4_0Matrix extends WeightMatrix {

  static final int BLOCK = 32;
  static final int BLOCK_BYTES = 18;

  Q4_0Matrix(ByteBuffer data, int rows, int cols, boolean vector) {
    super(GgmlType.Q4_0, data, rows, cols, vector);
  }

  @Override
  float dotRow(int row, float[] x, int xOffset) {
    int offset = row * rowBytes;
    return vector ? Q4_0Vector.dot(data, offset, x, xOffset, cols) : dot(data, offset, x, xOffset, cols);
  }

  @Override
  void dotRows(float[] x, float[] out, int from, int to) {
    if (!vector) {
      super.dotRows(x, out, from, to);
      return;
    }
    Q4_0Vector.dotRows(data, rowBytes, x, cols, out, from, to);
  }

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    float sum = 0f;
    for (int b = 0; b < n / BLOCK; b++) {
      int block = offset + b * BLOCK_BYTES;
      int xBase = xOffset + b * BLOCK;
      float blockSum = 0f;
      for (int j = 0; j < BLOCK / 2; j++) {
        int q = w.get(block + 2 + j) & 0xff;
        blockSum += ((q & 0x0f) - 8) * x[xBase + j] + ((q >>> 4) - 8) * x[xBase + j + BLOCK / 2];
      }
      sum += HalfFloats.toFloat(w.getShort(block)) * blockSum;
    }
    return sum;
  }

  @Override
  void dequantizeTile(int row, int fromCol, int count, float[] out, int outOffset) {
    if (vector) {
      DequantVector.q4_0(data, row * rowBytes + fromCol / BLOCK * BLOCK_BYTES, out, outOffset, count);
    } else {
      super.dequantizeTile(row, fromCol, count, out, outOffset);
    }
  }

  @Override
  void dequantize(int byteOffset, float[] out, int outOffset, int count) {
    for (int b = 0; b < count / BLOCK; b++) {
      int block = byteOffset + b * BLOCK_BYTES;
      int base = outOffset + b * BLOCK;
      float d = HalfFloats.toFloat(data.getShort(block));
      for (int j = 0; j < BLOCK / 2; j++) {
        int q = data.get(block + 2 + j) & 0xff;
        out[base + j] = ((q & 0x0f) - 8) * d;
        out[base + j + BLOCK / 2] = ((q >>> 4) - 8) * d;
      }
    }
  }

  /**
   * ggml's {@code quantize_row_q4_0_ref}: {@code d = m / -8} where {@code m} is the element of largest magnitude,
   * {@code q = min(15, trunc(x / d + 8.5))}. Error bound per element: {@code |x - x'| <= max|x| * (1/8 + 2^-10)}
   * (the side opposite to {@code m} is clamped at {@code 7 * d}; elsewhere half a step).
   */
  static void quantize(float[] src, int srcOffset, int n, ByteBuffer dst, int dstOffset) {
    for (int b = 0; b < n / BLOCK; b++) {
      int base = srcOffset + b * BLOCK;
      int block = dstOffset + b * BLOCK_BYTES;
      float amax = 0f;
      float max = 0f;
      for (int j = 0; j < BLOCK; j++) {
        float v = src[base + j];
        if (amax < Math.abs(v)) {
          amax = Math.abs(v);
          max = v;
        }
      }
      float d = max / -8f;
      float id = d != 0f ? 1f / d : 0f;
      dst.putShort(block, HalfFloats.fromFloat(d));
      for (int j = 0; j < BLOCK / 2; j++) {
        int lo = Math.min(15, (int) (src[base + j] * id + 8.5f));
        int hi = Math.min(15, (int) (src[base + j + BLOCK / 2] * id + 8.5f));
        dst.put(block + 2 + j, (byte) (lo | (hi << 4)));
      }
    }
  }
}
