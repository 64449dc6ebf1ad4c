package io.llmops.runtime.cpu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

class KernelsTest {

  @Test
  void propertyFalseForcesScalar() {
    Kernels.Choice choice = Kernels.choose("false", true, null);
    assertThat(choice.vector()).isFalse();
    assertThat(choice.level()).isEqualTo(Level.DEBUG);
  }

  @Test
  void missingModuleWarnsOnceWithTheFlagToAdd() {
    Kernels.Choice choice = Kernels.choose("true", false, null);
    assertThat(choice.vector()).isFalse();
    assertThat(choice.level()).isEqualTo(Level.WARNING);
    assertThat(choice.message()).contains("--add-modules jdk.incubator.vector");
  }

  @Test
  void unsupportedVectorShapeFallsBackWithTheReason() {
    Kernels.Choice choice = Kernels.choose("true", true, "the preferred float vector has 4 lanes");
    assertThat(choice.vector()).isFalse();
    assertThat(choice.message()).contains("4 lanes");
  }

  @Test
  @DisabledIfSystemProperty(named = "llmops.cpu.vector", matches = "false",
      disabledReason = "the scalar-fallback Surefire execution forces the scalar path; ScalarFallbackTest covers it")
  void vectorKernelsAreUsedWhenTheModuleIsPresent() {
    // Surefire runs this module with --add-modules jdk.incubator.vector; CI machines have AVX2 or AVX-512.
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
    assertThat(WeightMatrix.vectorized()).isTrue();
    assertThat(WeightMatrix.of(GgmlType.Q8_0, ByteBuffer.allocate(34), 1, 32)).hasToString(
        "Q8_0[1x32, vector]");
  }
}
