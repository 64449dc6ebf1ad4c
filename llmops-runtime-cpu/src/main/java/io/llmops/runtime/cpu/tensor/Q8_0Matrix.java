package io.llmops.runtime.cpu.tensor;

import java.nio.ByteBuffer;

/**
 * GGML_TYPE_Q8_0 ({@code block_q8_0} in ggml-common.h): blocks of 32 elements, 34 bytes each: an F16 scale
 * {@code d}, then 32 signed bytes {@code qs}; element {@code j} is {@code qs[j] * d}. Scalar reference kernels and
 * the quantiser of ggml's {@code quantize_row_q8_0_ref}.
 */
final class Q8_0Matrix extends WeightMatrix {

  static final int BLOCK = 32;
  static final int BLOCK_BYTES = 34;

  Q8_0Matrix(ByteBuffer data, int rows, int cols, boolean vector) {
    super(GgmlType.Q8_0, data, rows, cols, vector);
  }

  @Override
  float dotRow(int row, float[] x, int xOffset) {
    int offset = row * rowBytes;
    return vector ? Q8_0Vector.dot(data, offset, x, xOffset, cols) : dot(data, offset, x, xOffset, cols);
  }

  @Override
  void dotRows(float[] x, float[] out, int from, int to) {
    if (!vector) {
      super.dotRows(x, out, from, to);
      return;
    }
    Q8_0Vector.dotRows(data, rowBytes, x, cols, out, from, to);
  }

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    float sum = 0f;
    for (int b = 0; b < n / BLOCK; b++) {
      int block = offset + b * BLOCK_BYTES;
      int xBase = xOffset + b * BLOCK;
      float blockSum = 0f;
      for (int j = 0; j < BLOCK; j++) {
        blockSum += w.get(block + 2 + j) * x[xBase + j];
      }
      sum += HalfFloats.toFloat(w.getShort(block)) * blockSum;
    }
    return sum;
  }

  @Override
  void dequantizeTile(int row, int fromCol, int count, float[] out, int outOffset) {
    if (vector) {
      DequantVector.q8_0(data, row * rowBytes + fromCol / BLOCK * BLOCK_BYTES, out, outOffset, count);
    } else {
      super.dequantizeTile(row, fromCol, count, out, outOffset);
    }
  }

  @Override
  void dequantize(int byteOffset, float[] out, int outOffset, int count) {
    for (int b = 0; b < count / BLOCK; b++) {
      int block = byteOffset + b * BLOCK_BYTES;
      float d = HalfFloats.toFloat(data.getShort(block));
      for (int j = 0; j < BLOCK; j++) {
        out[outOffset + b * BLOCK + j] = data.get(block + 2 + j) * d;
      }
    }
  }

  /**
   * ggml's {@code quantize_row_q8_0_ref}: {@code d = max|x| / 127}, {@code qs = round(x / d)} (half away from zero).
   * Error bound per element: {@code |x - x'| <= max|x| * (1/254 + 2^-11)} (half a step, plus the F16 rounding of d).
   */
  static void quantize(float[] src, int srcOffset, int n, ByteBuffer dst, int dstOffset) {
    for (int b = 0; b < n / BLOCK; b++) {
      int base = srcOffset + b * BLOCK;
      int block = dstOffset + b * BLOCK_BYTES;
      float amax = 0f;
      for (int j = 0; j < BLOCK; j++) {
        amax = Math.max(amax, Math.abs(src[base + j]));
      }
      float d = amax / 127f;
      float id = d != 0f ? 1f / d : 0f;
      dst.putShort(block, HalfFloats.fromFloat(d));
      for (int j = 0; j < BLOCK; j++) {
        dst.put(block + 2 + j, (byte) roundHalfAway(src[base + j] * id));
      }
    }
  }

  /** C's {@code roundf}: rounds half away from zero. */
  static int roundHalfAway(float v) {
    int magnitude = Math.round(Math.abs(v));
    return v < 0 ? -magnitude : magnitude;
  }
}
