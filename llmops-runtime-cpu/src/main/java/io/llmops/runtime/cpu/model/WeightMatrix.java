package io.llmops.runtime.cpu.model;

import io.llmops.runtime.cpu.tensor.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** TEMPORARY F32-only stand-in for {@code io.llmops.runtime.cpu.tensor.WeightMatrix}; deleted when merged. */
final class WeightMatrix {
  private final FloatBuffer data;
  private final int rows;
  private final int cols;

  private WeightMatrix(FloatBuffer data, int rows, int cols) {
    this.data = data;
    this.rows = rows;
    this.cols = cols;
  }

  static WeightMatrix of(GgmlType type, ByteBuffer data, int rows, int cols) {
    if (type != GgmlType.F32) {
      throw new UnsupportedOperationException("stand-in supports F32 only: " + type);
    }
    return new WeightMatrix(data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer(), rows, cols);
  }

  int rows() {
    return rows;
  }

  int cols() {
    return cols;
  }

  GgmlType type() {
    return GgmlType.F32;
  }

  float dot(int row, float[] x, int off) {
    float s = 0;
    int base = row * cols;
    for (int i = 0; i < cols; i++) {
      s += data.get(base + i) * x[off + i];
    }
    return s;
  }

  void matVec(float[] x, float[] out, WorkerPool pool) {
    matMul(x, 1, out, pool);
  }

  void matMul(float[] x, int n, float[] out, WorkerPool pool) {
    pool.parallelFor(rows, (from, to) -> {
      for (int r = from; r < to; r++) {
        for (int t = 0; t < n; t++) {
          out[t * rows + r] = dot(r, x, t * cols);
        }
      }
    });
  }

  void dequantizeRow(int row, float[] out, int off) {
    data.get(row * cols, out, off, cols);
  }
}
