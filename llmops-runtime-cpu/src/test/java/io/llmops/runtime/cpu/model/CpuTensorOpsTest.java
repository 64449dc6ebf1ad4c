package io.llmops.runtime.cpu.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.runtime.cpu.model.TensorOps.Activations;
import io.llmops.runtime.cpu.model.TensorOps.Weight;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.Quantization;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fused products of one input (Q/K/V, gate/up) against separate {@link TensorOps#matMul} calls. */
class CpuTensorOpsTest {

  private static final int COLS = 96;

  @ParameterizedTest(name = "threads={0}")
  @ValueSource(ints = {1, 2, 3})
  void fusedProductsAreTheSeparateProducts(int threads) {
    // 48 + 17 + 35 rows: matrix boundaries fall inside chunks (17 is not a multiple of the 16-row grain).
    int[] rows = {48, 17, 35};
    try (CpuTensorOps ops = CpuTensorOps.create(threads)) {
      Random random = new Random(threads);
      Weight[] ws = new Weight[rows.length];
      for (int i = 0; i < rows.length; i++) {
        GgmlType type = i == 1 ? GgmlType.Q4_0 : GgmlType.Q8_0;
        ws[i] = weight(ops, type, rows[i], random);
      }
      for (int n : new int[] {1, 2}) { // one token takes the fused path, two the default one
        Activations x = ops.activations(n, COLS);
        ops.embed(weight(ops, GgmlType.F32, n, random), new int[] {0, 1}, n, x);
        Activations[] fused = new Activations[rows.length];
        for (int i = 0; i < rows.length; i++) {
          fused[i] = ops.activations(n, rows[i]);
        }
        ops.matMul(ws, x, n, fused);
        for (int i = 0; i < rows.length; i++) {
          Activations separate = ops.activations(n, rows[i]);
          ops.matMul(ws[i], x, n, separate);
          for (int t = 0; t < n; t++) {
            assertThat(row(ops, fused[i], t)).as("matrix %d token %d", i, t).containsExactly(row(ops, separate, t));
          }
        }
      }
    }
  }

  private static Weight weight(CpuTensorOps ops, GgmlType type, int rows, Random random) {
    float[] values = new float[rows * COLS];
    for (int j = 0; j < values.length; j++) {
      values[j] = (float) random.nextGaussian();
    }
    return ops.weight("w", type, ByteBuffer.wrap(Quantization.quantize(type, values)), rows, COLS);
  }

  private static float[] row(CpuTensorOps ops, Activations a, int t) {
    float[] out = new float[a.width()];
    ops.read(a, t, out, 0);
    return out;
  }
}
