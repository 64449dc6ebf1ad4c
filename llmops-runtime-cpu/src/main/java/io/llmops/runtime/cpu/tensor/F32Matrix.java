package io.llmops.runtime.cpu.tensor;

import java.nio.ByteBuffer;

/** GGML_TYPE_F32: little-endian IEEE binary32 elements. Scalar reference kernels, and the quantiser (a copy). */
final class F32Matrix extends WeightMatrix {

  F32Matrix(ByteBuffer data, int rows, int cols, boolean vector) {
    super(GgmlType.F32, data, rows, cols, vector);
  }

  @Override
  float dotRow(int row, float[] x, int xOffset) {
    int offset = row * rowBytes;
    return vector ? F32Vector.dot(data, offset, x, xOffset, cols) : dot(data, offset, x, xOffset, cols);
  }

  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    float sum = 0f;
    for (int i = 0; i < n; i++) {
      sum += w.getFloat(offset + 4 * i) * x[xOffset + i];
    }
    return sum;
  }

  @Override
  void dequantizeTile(int row, int fromCol, int count, float[] out, int outOffset) {
    if (vector) {
      DequantVector.f32(data, row * rowBytes + 4 * fromCol, out, outOffset, count);
    } else {
      super.dequantizeTile(row, fromCol, count, out, outOffset);
    }
  }

  @Override
  void dequantize(int byteOffset, float[] out, int outOffset, int count) {
    for (int i = 0; i < count; i++) {
      out[outOffset + i] = data.getFloat(byteOffset + 4 * i);
    }
  }

  static void quantize(float[] src, int srcOffset, int n, ByteBuffer dst, int dstOffset) {
    for (int i = 0; i < n; i++) {
      dst.putFloat(dstOffset + 4 * i, src[srcOffset + i]);
    }
  }
}
