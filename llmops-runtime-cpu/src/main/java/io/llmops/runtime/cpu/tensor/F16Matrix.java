package io.llmops.runtime.cpu.tensor;

import java.nio.ByteBuffer;

/** GGML_TYPE_F16: little-endian IEEE binary16 elements. Scalar reference kernels and quantiser. */
final class F16Matrix extends WeightMatrix {

  F16Matrix(ByteBuffer data, int rows, int cols, boolean vector) {
    super(GgmlType.F16, data, rows, cols, vector);
  }

  @Override
  float dotRow(int row, float[] x, int xOffset) {
    int offset = row * rowBytes;
    return vector ? HalfVector.dot(data, offset, x, xOffset, cols, false) : dot(data, offset, x, xOffset, cols);
  }

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += HalfFloats.toFloat(w.getShort(offset + 2 * i)) * x[xOffset + i];
    }
    return sum;
  }

  @Override
  void dequantize(int byteOffset, float[] out, int outOffset, int count) {
    for (int i = 0; i < count; i++) {
      out[outOffset + i] = HalfFloats.toFloat(data.getShort(byteOffset + 2 * i));
    }
  }

  static void quantize(float[] src, int srcOffset, int n, ByteBuffer dst, int dstOffset) {
    for (int i = 0; i < n; i++) {
      dst.putShort(dstOffset + 2 * i, HalfFloats.fromFloat(src[srcOffset + i]));
    }
  }
}
