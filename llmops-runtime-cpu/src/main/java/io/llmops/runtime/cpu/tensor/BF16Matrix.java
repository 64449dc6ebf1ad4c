package io.llmops.runtime.cpu.tensor;

import java.nio.ByteBuffer;

/** GGML_TYPE_BF16: little-endian bfloat16 elements (the top 16 bits of a float). Scalar reference and quantiser. */
final class BF16Matrix extends WeightMatrix {

  BF16Matrix(ByteBuffer data, int rows, int cols, boolean vector) {
    super(GgmlType.BF16, data, rows, cols, vector);
  }

  @Override
  float dotRow(int row, float[] x, int xOffset) {
    int offset = row * rowBytes;
    return vector ? HalfVector.dot(data, offset, x, xOffset, cols, true) : dot(data, offset, x, xOffset, cols);
  }

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += HalfFloats.bf16ToFloat(w.getShort(offset + 2 * i)) * x[xOffset + i];
    }
    return sum;
  }

  @Override
  void dequantize(int byteOffset, float[] out, int outOffset, int count) {
    for (int i = 0; i < count; i++) {
      out[outOffset + i] = HalfFloats.bf16ToFloat(data.getShort(byteOffset + 2 * i));
    }
  }

  static void quantize(float[] src, int srcOffset, int n, ByteBuffer dst, int dstOffset) {
    for (int i = 0; i < n; i++) {
      dst.putShort(dstOffset + 2 * i, HalfFloats.floatToBf16(src[srcOffset + i]));
    }
  }
}
