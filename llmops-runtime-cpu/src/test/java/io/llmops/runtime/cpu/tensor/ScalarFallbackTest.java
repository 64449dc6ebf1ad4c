package io.llmops.runtime.cpu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs in its own Surefire execution ({@code scalar-fallback} in this module's POM) with
 * {@code -Dllmops.cpu.vector=false} and the Vector API module present: proves the property selects the scalar
 * kernels and that they compute. In the default execution the property is unset and this class is skipped.
 */
@EnabledIfSystemProperty(named = "llmops.cpu.vector", matches = "false")
class ScalarFallbackTest {

  @Test
  void propertyFalseSelectsTheScalarKernels() {
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
    assertThat(WeightMatrix.vectorized()).isFalse();
    float[] values = {1f, 2f, 3f, 4f};
    WeightMatrix m = WeightMatrix.of(GgmlType.F32, ByteBuffer.wrap(Quantization.quantize(GgmlType.F32, values)), 2,
        2);
    assertThat(m).hasToString("F32[2x2, scalar]");
    try (WorkerPool pool = new WorkerPool(2)) {
      float[] out = new float[2];
      m.matVec(new float[] {1f, 1f}, out, pool);
      assertThat(out).containsExactly(3f, 7f);
    }
  }
}
