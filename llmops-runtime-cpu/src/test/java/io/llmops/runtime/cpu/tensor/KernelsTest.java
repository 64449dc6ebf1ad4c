package io.llmops.runtime.cpu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
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

  @Test
  @DisabledIfSystemProperty(named = "llmops.cpu.vector", matches = "false",
      disabledReason = "the scalar-fallback Surefire execution does not load the vector kernels")
  void stagingCopiesInEqualPiecesOfWholeCacheLines() {
    // The row groups of the kernels: Q4_0 2 x 2304, Q8_0 4 x 2176 / 4 x 4352 / 4 x 8704.
    assertThat(VectorKernels.copyPiece(2304)).isEqualTo(2304);
    assertThat(VectorKernels.copyPiece(4608)).isEqualTo(2304);
    assertThat(VectorKernels.copyPiece(8704)).isEqualTo(2176);
    assertThat(VectorKernels.copyPiece(17408)).isEqualTo(2496);
    assertThat(VectorKernels.copyPiece(34816)).isEqualTo(2496);
    for (int length = 0; length <= 40_000; length++) {
      int piece = VectorKernels.copyPiece(length);
      assertThat(piece % 64).isZero();
      assertThat(piece).isLessThanOrEqualTo(VectorKernels.COPY_PIECE + 63);
      assertThat((length + piece - 1) / piece) // pieces actually copied
          .isLessThanOrEqualTo((length + VectorKernels.COPY_PIECE - 1) / VectorKernels.COPY_PIECE);
    }
  }

  @Test
  @DisabledIfSystemProperty(named = "llmops.cpu.vector", matches = "false",
      disabledReason = "the scalar-fallback Surefire execution does not load the vector kernels")
  void stagedRowsAreTheBufferBytes() {
    byte[] bytes = new byte[40_000];
    new SplittableRandom(7).nextBytes(bytes);
    ByteBuffer w = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    for (int[] span : new int[][] {{0, 0}, {0, 1}, {123, 4608}, {5, 17408}, {1000, 34816}, {40_000 - 2561, 2561}}) {
      byte[] staged = VectorKernels.rows(w, span[0], span[1]);
      assertThat(Arrays.copyOf(staged, span[1])).isEqualTo(Arrays.copyOfRange(bytes, span[0], span[0] + span[1]));
    }
  }
}
