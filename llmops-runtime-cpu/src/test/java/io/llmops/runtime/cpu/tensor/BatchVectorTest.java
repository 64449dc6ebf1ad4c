package io.llmops.runtime.cpu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The blocked batch product of the vector kernels against the exact (double) dots of the dequantised rows, on shapes
 * that exercise every edge of its blocking: rows that leave a partial panel and a partial group of four rows, columns
 * that leave a partial column block (and, for F32, a partial vector), batches that leave a partial token vector and a
 * remainder below the four-vector kernel, and every thread split. Also the tile dequantisation against the scalar one.
 */
class BatchVectorTest {

  private static final int ROWS = 127; // a panel of 120 and one of 7; groups of 6 rows: the last one has 1 row
  private static WorkerPool[] pools;

  @BeforeAll
  static void pools() {
    pools = new WorkerPool[] {new WorkerPool(1), new WorkerPool(2), new WorkerPool(3)};
  }

  @AfterAll
  static void closePools() {
    for (WorkerPool p : pools) {
      p.close();
    }
  }

  /** Columns past one column block, ending in a partial one (and a partial vector for the block-1 types). */
  private static int cols(GgmlType type) {
    return switch (type.blockSize()) {
      case 1 -> BatchVector.KC + 515;
      case 32 -> BatchVector.KC + 288;
      default -> BatchVector.KC + 256;
    };
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
  void matMulIsTheExactProductWithinFloatRoundingForOddBatchesAndAllThreadSplits(GgmlType type) {
    int cols = cols(type);
    WeightMatrix m = Matrices.vector(type, Matrices.random(type, ROWS, cols, 50, false).data, ROWS, cols);
    double[][] w = dequantised(m);
    // one partial vector; 1 + remainder; exactly 4 vectors; 4 + remainder; 2 x 4 + 2 with several column spans
    for (int n : new int[] {8, 17, 64, 65, 160}) {
      float[] x = Matrices.gaussian(new Random(n), n * cols, 1f);
      float[] first = null;
      for (WorkerPool pool : pools) {
        float[] out = new float[n * ROWS];
        m.matMul(x, n, out, pool);
        if (first == null) {
          first = out;
          List<String> errors = new ArrayList<>(); // one assertion per batch: AssertJ per element is slow
          for (int i = 0; i < n; i++) {
            for (int r = 0; r < ROWS; r++) {
              double exact = 0;
              double magnitude = 0;
              for (int k = 0; k < cols; k++) {
                double p = w[r][k] * x[i * cols + k];
                exact += p;
                magnitude += Math.abs(p);
              }
              double error = Math.abs(out[i * ROWS + r] - exact);
              if (!(error <= WeightMatrixTest.TOLERANCE * magnitude + 1e-30)) {
                errors.add(String.format("out[%d][%d] = %s, exact %s, |sum w x| %s", i, r, out[i * ROWS + r], exact,
                    magnitude));
              }
            }
          }
          assertThat(errors).as("%s n=%d", m, n).isEmpty();
        } else {
          // Each row's arithmetic does not depend on how rows are split, so every split gives the same bits.
          assertThat(out).as("%s n=%d threads=%d", m, n, pool.threads()).containsExactly(first);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
  void tileDequantisationIsTheScalarRowDequantisation(GgmlType type) {
    int cols = cols(type);
    WeightMatrix scalar = Matrices.random(type, 3, cols, 51, false);
    WeightMatrix vector = Matrices.vector(type, scalar.data, 3, cols);
    for (int row = 0; row < 3; row++) {
      float[] expected = new float[cols];
      scalar.dequantizeRow(row, expected, 0);
      for (int from = 0; from < cols; from += BatchVector.KC) {
        int count = Math.min(BatchVector.KC, cols - from);
        float[] tile = new float[count + 5];
        vector.dequantizeTile(row, from, count, tile, 5);
        assertThat(Arrays.copyOfRange(tile, 5, count + 5)).as("row %d cols [%d, +%d)", row, from, count)
            .containsExactly(Arrays.copyOfRange(expected, from, from + count));
      }
    }
  }

  @Test
  void packTransposesTokensIntoLanesAndZeroesThePadding() {
    assumeThat(Kernels.vectorEnabled()).as("Vector API kernels available").isTrue();
    int lanes = VectorKernels.F.length();
    int n = lanes + 3;
    int cols = 5;
    float[] x = new float[n * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    float[] xp = new float[2 * lanes * cols];
    Arrays.fill(xp, Float.NaN);
    BatchVector.pack(x, n, cols, 2, xp);
    for (int g = 0; g < 2; g++) {
      for (int k = 0; k < cols; k++) {
        for (int l = 0; l < lanes; l++) {
          int i = g * lanes + l;
          float expected = i < n ? x[i * cols + k] : 0f;
          assertThat(xp[(g * cols + k) * lanes + l]).as("token %d col %d", i, k).isEqualTo(expected);
        }
      }
    }
  }

  private static double[][] dequantised(WeightMatrix m) {
    double[][] w = new double[m.rows()][m.cols()];
    float[] row = new float[m.cols()];
    for (int r = 0; r < m.rows(); r++) {
      m.dequantizeRow(r, row, 0);
      for (int k = 0; k < m.cols(); k++) {
        w[r][k] = row[k];
      }
    }
    return w;
  }
}
