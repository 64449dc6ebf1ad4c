package io.llmops.benchmarks.kernels;

import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.Quantization;
import io.llmops.runtime.cpu.tensor.WeightMatrix;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;

/** Benchmark inputs: seeded Gaussian weight matrices quantised into direct buffers (like a mapped file). */
final class RandomMatrices {

  private RandomMatrices() {}

  /** A {@code rows x cols} matrix of type {@code type} with N(0, 1) values drawn from {@code random}, row by row. */
  static WeightMatrix gaussian(GgmlType type, int rows, int cols, SplittableRandom random) {
    return WeightMatrix.of(type, gaussianData(type, rows, cols, random), rows, cols);
  }

  /** The bytes of {@code gaussian(type, rows, cols, random)}, in a direct buffer. */
  static ByteBuffer gaussianData(GgmlType type, int rows, int cols, SplittableRandom random) {
    ByteBuffer data = ByteBuffer.allocateDirect(Math.toIntExact(type.byteSize((long) rows * cols)));
    int rowBytes = Math.toIntExact(type.byteSize(cols));
    float[] row = new float[cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        row[j] = (float) random.nextGaussian();
      }
      Quantization.quantize(type, row, 0, cols, data, i * rowBytes);
    }
    return data;
  }

  /** {@code n} N(0, 1) floats drawn from {@code random}. */
  static float[] gaussian(int n, SplittableRandom random) {
    float[] x = new float[n];
    for (int j = 0; j < n; j++) {
      x[j] = (float) random.nextGaussian();
    }
    return x;
  }
}
