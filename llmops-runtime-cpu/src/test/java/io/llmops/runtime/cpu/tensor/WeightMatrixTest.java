package io.llmops.runtime.cpu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scalar and vector kernels against the double-precision dot of the dequantised row, and the parallel products
 * against the single-row dot. Tolerance: a float dot of n terms is within {@code TOLERANCE * sum|w_i x_i|} of the
 * exact value (accumulation order differs between kernels; 1e-5 is about 100 float ulps of the magnitude).
 */
class WeightMatrixTest {

  static final double TOLERANCE = 1e-5;

  private static WorkerPool pool1;
  private static WorkerPool pool2;
  private static WorkerPool pool3;

  @BeforeAll
  static void pools() {
    pool1 = new WorkerPool(1);
    pool2 = new WorkerPool(2);
    pool3 = new WorkerPool(3);
  }

  @AfterAll
  static void closePools() {
    pool1.close();
    pool2.close();
    pool3.close();
  }

  static List<Arguments> typesAndShapes() {
    return Matrices.typesAndShapes();
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("typesAndShapes")
  void scalarAndVectorDotsMatchTheExactDotOfTheDequantisedRow(GgmlType type, int rows, int cols) {
    WeightMatrix scalar = Matrices.random(type, rows, cols, 42, false);
    WeightMatrix vector = Matrices.vector(type, scalar.data, rows, cols);
    float[] x = Matrices.gaussian(new Random(7), cols + 3, 1f);
    for (int row = 0; row < rows; row++) {
      double exact = Matrices.referenceDot(scalar, row, x, 3);
      double bound = TOLERANCE * Matrices.magnitude(scalar, row, x, 3) + 1e-30;
      assertThat((double) scalar.dot(row, x, 3)).as("scalar row %d", row).isCloseTo(exact, within(bound));
      assertThat((double) vector.dot(row, x, 3)).as("vector row %d", row).isCloseTo(exact, within(bound));
    }
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("typesAndShapes")
  void vectorDequantisationIsTheScalarOne(GgmlType type, int rows, int cols) {
    WeightMatrix scalar = Matrices.random(type, rows, cols, 43, false);
    WeightMatrix vector = Matrices.vector(type, scalar.data, rows, cols);
    for (int row = 0; row < rows; row++) {
      float[] a = new float[cols + 2];
      float[] b = new float[cols + 2];
      scalar.dequantizeRow(row, a, 2);
      vector.dequantizeRow(row, b, 2);
      assertThat(b).containsExactly(a);
    }
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("typesAndShapes")
  void matVecIsOneDotPerRowWhateverTheThreadCount(GgmlType type, int rows, int cols) {
    for (boolean useVector : new boolean[] {false, true}) {
      if (useVector && !Kernels.vectorEnabled()) {
        continue;
      }
      WeightMatrix m = Matrices.random(type, rows, cols, 44, useVector);
      float[] x = Matrices.gaussian(new Random(8), cols, 1f);
      float[] expected = new float[rows];
      for (int r = 0; r < rows; r++) {
        expected[r] = m.dot(r, x, 0);
      }
      for (WorkerPool pool : new WorkerPool[] {pool1, pool2, pool3}) {
        float[] out = new float[rows];
        m.matVec(x, out, pool);
        assertThat(out).as("%s threads=%d", m, pool.threads()).containsExactly(expected);
      }
      // The caller-partitioned form: any sub-range, rows outside it untouched.
      float[] part = new float[rows];
      m.matVec(x, part, 1, rows);
      assertThat(part[0]).isZero();
      assertThat(java.util.Arrays.copyOfRange(part, 1, rows)).containsExactly(
          java.util.Arrays.copyOfRange(expected, 1, rows));
    }
  }

  @ParameterizedTest(name = "{0} {1}x{2}")
  @MethodSource("typesAndShapes")
  void matMulIsIndependentMatVecs(GgmlType type, int rows, int cols) {
    for (boolean useVector : new boolean[] {false, true}) {
      if (useVector && !Kernels.vectorEnabled()) {
        continue;
      }
      WeightMatrix m = Matrices.random(type, rows, cols, 45, useVector);
      for (int n : new int[] {1, 3, 8, 13}) { // 8 and 13 take the dequantised path of the vector kernels
        float[] x = Matrices.gaussian(new Random(n), n * cols, 1f);
        float[] expected = new float[n * rows];
        for (int i = 0; i < n; i++) {
          float[] xi = new float[cols];
          System.arraycopy(x, i * cols, xi, 0, cols);
          float[] oi = new float[rows];
          m.matVec(xi, oi, pool1);
          System.arraycopy(oi, 0, expected, i * rows, rows);
        }
        for (WorkerPool pool : new WorkerPool[] {pool1, pool3}) {
          float[] out = new float[n * rows];
          m.matMul(x, n, out, pool);
          if (!useVector || n < 8) {
            assertThat(out).as("n=%d threads=%d", n, pool.threads()).containsExactly(expected);
          } else {
            assertCloseToExact(m, x, n, out);
          }
        }
      }
    }
  }

  /** Every product within the float tolerance of the exact dot of the dequantised row. */
  private static void assertCloseToExact(WeightMatrix m, float[] x, int n, float[] out) {
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < m.rows(); r++) {
        double exact = Matrices.referenceDot(m, r, x, i * m.cols());
        double bound = TOLERANCE * Matrices.magnitude(m, r, x, i * m.cols()) + 1e-30;
        assertThat((double) out[i * m.rows() + r]).as("%s out[%d][%d]", m, i, r).isCloseTo(exact, within(bound));
      }
    }
  }

  @Test
  void matMulCoversSeveralCacheTilesAndThreadChunks() {
    // 300 rows of 4096 elements: tiles of a few rows, so tile and chunk edges fall inside every thread's share;
    // 9 vectors: two groups of four and a remainder of one.
    for (GgmlType type : new GgmlType[] {GgmlType.F32, GgmlType.Q4_K}) {
      WeightMatrix m = Matrices.random(type, 300, 4096, 46, Kernels.vectorEnabled());
      int n = 9;
      float[] x = Matrices.gaussian(new Random(9), n * 4096, 1f);
      float[] out = new float[n * 300];
      m.matMul(x, n, out, pool3);
      assertCloseToExact(m, x, n, out);
    }
  }

  @Test
  void rejectsUnsupportedTypesAndWrongSizes() {
    ByteBuffer bytes = ByteBuffer.allocate(34);
    assertThatThrownBy(() -> WeightMatrix.of(GgmlType.Q5_K, ByteBuffer.allocate(176), 1, 256))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q5_K is not supported");
    assertThatThrownBy(() -> WeightMatrix.of(GgmlType.Q8_0, bytes, 2, 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected 68 bytes, buffer has 34");
    assertThatThrownBy(() -> WeightMatrix.of(GgmlType.Q8_0, bytes, 1, 48))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a multiple of the block size 32");
    assertThatThrownBy(() -> WeightMatrix.of(GgmlType.Q8_0, bytes, 0, 32))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be >= 1");
  }

  @Test
  void rejectsOutOfRangeRowsAndShortArrays() {
    WeightMatrix m = WeightMatrix.of(GgmlType.Q8_0, ByteBuffer.allocate(68), 2, 32);
    assertThatThrownBy(() -> m.dot(2, new float[32], 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("row 2 out of range [0, 2)");
    assertThatThrownBy(() -> m.dot(0, new float[32], 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x: need 32 elements from offset 1");
    assertThatThrownBy(() -> m.matVec(new float[32], new float[1], pool1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out: need 2");
    assertThatThrownBy(() -> m.matMul(new float[64], 2, new float[3], pool1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out: need 4");
    assertThatThrownBy(() -> m.dequantizeRow(-1, new float[32], 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsMappedFilesAndHeapBuffersInPlace(@TempDir Path dir) throws IOException {
    int rows = 5;
    int cols = 512;
    float[] values = Matrices.gaussian(new Random(10), rows * cols, 1f);
    float[] x = Matrices.gaussian(new Random(11), cols, 1f);
    for (GgmlType type : Matrices.SUPPORTED) {
      byte[] bytes = Quantization.quantize(type, values);
      Path file = dir.resolve(type + ".bin");
      Files.write(file, bytes);
      WeightMatrix direct = WeightMatrix.of(type, Matrices.direct(bytes), rows, cols);
      try (FileChannel channel = FileChannel.open(file)) {
        ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes.length);
        WeightMatrix fromFile = WeightMatrix.of(type, mapped, rows, cols);
        WeightMatrix heap = WeightMatrix.of(type, ByteBuffer.wrap(bytes).asReadOnlyBuffer(), rows, cols);
        for (int r = 0; r < rows; r++) {
          assertThat(fromFile.dot(r, x, 0)).as("%s mapped", type).isEqualTo(direct.dot(r, x, 0));
          assertThat(heap.dot(r, x, 0)).as("%s heap", type).isEqualTo(direct.dot(r, x, 0));
        }
      }
    }
  }

  @Test
  void readsFromByteZeroWhateverThePositionAndByteOrder() {
    byte[] bytes = Quantization.quantize(GgmlType.F32, new float[] {1f, 2f, 3f, 4f});
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    buffer.position(8);
    WeightMatrix m = WeightMatrix.of(GgmlType.F32, buffer, 2, 2);
    float[] row = new float[2];
    m.dequantizeRow(1, row, 0);
    assertThat(row).containsExactly(3f, 4f);
    assertThat(m.type()).isEqualTo(GgmlType.F32);
    assertThat(m.rows()).isEqualTo(2);
    assertThat(m.cols()).isEqualTo(2);
  }
}
