package io.llmops.runtime.cpu.tensor;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.provider.Arguments;

/** Test data: random matrices of every supported type, as direct (off-heap, like mapped) read-only buffers. */
final class Matrices {

  static final GgmlType[] SUPPORTED = {
    GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K
  };

  private Matrices() {}

  /** Types x shapes: odd row counts, rows below the thread count, cols that leave vector tails (block-1 types). */
  static List<Arguments> typesAndShapes() {
    List<Arguments> cases = new ArrayList<>();
    for (GgmlType type : SUPPORTED) {
      int[] cols = switch (type.blockSize()) {
        case 1 -> new int[] {1, 7, 37, 64, 515};
        case 32 -> new int[] {32, 96, 544};
        default -> new int[] {256, 768};
      };
      for (int c : cols) {
        for (int rows : new int[] {1, 2, 7, 17, 35}) { // 4- and 2-row kernels: remainders 0-3; 35 = 2 chunks + 3
          cases.add(Arguments.of(type, rows, c));
        }
      }
    }
    return cases;
  }

  static float[] gaussian(Random random, int n, float scale) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) random.nextGaussian() * scale;
    }
    return values;
  }

  static ByteBuffer direct(byte[] bytes) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(bytes.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(bytes).flip();
    return buffer.asReadOnlyBuffer();
  }

  static WeightMatrix random(GgmlType type, int rows, int cols, long seed, boolean vector) {
    float[] values = gaussian(new Random(seed), rows * cols, 0.5f);
    return WeightMatrix.create(type, direct(Quantization.quantize(type, values)), rows, cols, vector);
  }

  static WeightMatrix scalar(GgmlType type, ByteBuffer data, int rows, int cols) {
    return WeightMatrix.create(type, data, rows, cols, false);
  }

  /** The vector twin of a matrix; skips the test when this JVM cannot run the vector kernels. */
  static WeightMatrix vector(GgmlType type, ByteBuffer data, int rows, int cols) {
    assumeThat(Kernels.vectorEnabled()).as("Vector API kernels available").isTrue();
    return WeightMatrix.create(type, data, rows, cols, true);
  }

  /** The exact dot of a dequantised row with x, in double: the oracle both kernel families are held to. */
  static double referenceDot(WeightMatrix m, int row, float[] x, int xOffset) {
    float[] w = new float[m.cols()];
    m.dequantizeRow(row, w, 0);
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += (double) w[i] * x[xOffset + i];
    }
    return sum;
  }

  /** Sum of |w_i * x_i|: the scale that float rounding errors of a dot are relative to. */
  static double magnitude(WeightMatrix m, int row, float[] x, int xOffset) {
    float[] w = new float[m.cols()];
    m.dequantizeRow(row, w, 0);
    double sum = 0;
    for (int i = 0; i < w.length; i++) {
      sum += Math.abs((double) w[i] * x[xOffset + i]);
    }
    return sum;
  }
}
