package io.llmops.runtime.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.llmops.runtime.cpu.tensor.GgmlType;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchGeometryTest {

  @Test
  void constantsEqualTheKernelDefines() throws IOException {
    Map<String, Integer> mm = BlockLayoutTest.defines("llmops_matmul.cu");
    assertThat(mm).containsEntry("MM_THREADS", LaunchGeometry.MM_THREADS)
        .containsEntry("MM_TOKENS", LaunchGeometry.MM_TOKENS);
    Map<String, Integer> ops = BlockLayoutTest.defines("llmops_ops.cu");
    assertThat(ops).containsEntry("OPS_THREADS", LaunchGeometry.OPS_THREADS)
        .containsEntry("SELECT_THREADS", LaunchGeometry.SELECT_THREADS);
    Map<String, Integer> att = BlockLayoutTest.defines("llmops_attention.cu");
    assertThat(att).containsEntry("ATT_THREADS", LaunchGeometry.ATT_THREADS)
        .containsEntry("ATT_MAX_HEAD_DIM", LaunchGeometry.ATT_MAX_HEAD_DIM);
  }

  @ParameterizedTest
  @CsvSource({
    // rows, n, gridX, gridY, kernel prefix
    "1, 1, 1, 1, llmops_matvec_",
    "4, 1, 1, 1, llmops_matvec_",
    "5, 1, 2, 1, llmops_matvec_",
    "2048, 1, 512, 1, llmops_matvec_",
    "128256, 1, 32064, 1, llmops_matvec_",
    "2048, 2, 512, 1, llmops_matmul_",
    "2048, 8, 512, 1, llmops_matmul_",
    "2048, 9, 512, 2, llmops_matmul_",
    "172, 64, 43, 8, llmops_matmul_"
  })
  void matMulCoversEveryRowAndToken(int rows, int n, int gridX, int gridY, String kernel) {
    LaunchGeometry.Launch g = LaunchGeometry.matMul(rows, n);
    assertThat(g).isEqualTo(new LaunchGeometry.Launch(gridX, gridY, 128));
    // one warp per row: every row has a warp, and no block is entirely idle
    assertThat((long) g.gridX() * (g.blockX() / 32)).isGreaterThanOrEqualTo(rows).isLessThan(rows + 4L);
    int perBlock = n == 1 ? 1 : LaunchGeometry.MM_TOKENS;
    assertThat((long) g.gridY() * perBlock).isGreaterThanOrEqualTo(n).isLessThan(n + (long) perBlock);
    assertThat(LaunchGeometry.matMulKernel(GgmlType.Q4_K, n)).isEqualTo(kernel + "q4_k");
  }

  @Test
  void everySupportedTypeHasBothKernelsInTheModule() {
    EnumSet<GgmlType> supported = EnumSet.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0,
        GgmlType.Q4_K, GgmlType.Q6_K);
    for (GgmlType t : GgmlType.values()) {
      if (supported.contains(t)) {
        assertThat(PtxModules.Module.MATMUL.kernels()).contains(LaunchGeometry.matMulKernel(t, 1),
            LaunchGeometry.matMulKernel(t, 5));
      } else {
        assertThatIllegalArgumentException().isThrownBy(() -> LaunchGeometry.suffix(t))
            .withMessageContaining(t.name()).withMessageContaining("no CUDA kernel");
      }
    }
  }

  @Test
  void elementwiseIsCappedAndCoversSmallCounts() {
    assertThat(LaunchGeometry.elementwise(1)).isEqualTo(new LaunchGeometry.Launch(1, 1, 256));
    assertThat(LaunchGeometry.elementwise(256)).isEqualTo(new LaunchGeometry.Launch(1, 1, 256));
    assertThat(LaunchGeometry.elementwise(257)).isEqualTo(new LaunchGeometry.Launch(2, 1, 256));
    assertThat(LaunchGeometry.elementwise(64L * 8192).gridX()).isEqualTo(2048);
    // grid-stride loop: 64 rows of a 32768-wide FFN would want 8192 blocks; the cap keeps 4096 and loops
    assertThat(LaunchGeometry.elementwise(64L * 32768).gridX()).isEqualTo(LaunchGeometry.MAX_STRIDE_BLOCKS);
    assertThatIllegalArgumentException().isThrownBy(() -> LaunchGeometry.elementwise(0));
  }

  @Test
  void rowKernelsEmbeddingRopeAttentionAndSelection() {
    assertThat(LaunchGeometry.rows(64)).isEqualTo(new LaunchGeometry.Launch(64, 1, 256));
    // plain embedding: one thread per element; quantised: one per 32-element unit
    assertThat(LaunchGeometry.embed(GgmlType.F32, 64, 5)).isEqualTo(new LaunchGeometry.Launch(1, 5, 256));
    assertThat(LaunchGeometry.embed(GgmlType.F16, 4096, 1)).isEqualTo(new LaunchGeometry.Launch(16, 1, 256));
    assertThat(LaunchGeometry.embed(GgmlType.Q8_0, 4096, 1)).isEqualTo(new LaunchGeometry.Launch(1, 1, 256));
    assertThat(LaunchGeometry.embed(GgmlType.Q4_K, 16384, 3)).isEqualTo(new LaunchGeometry.Launch(2, 3, 256));
    // RoPE: rows x heads x pairs threads (stories260K: 5 tokens, 8 heads of 8 -> 160 pairs)
    assertThat(LaunchGeometry.rope(5, 8, 8).threads()).isGreaterThanOrEqualTo(160);
    assertThat(LaunchGeometry.attention(32, 128, 64)).isEqualTo(new LaunchGeometry.Launch(32, 64, 128));
    assertThat(LaunchGeometry.attention(8, 256, 1).gridX()).isEqualTo(8);
    assertThatIllegalArgumentException().isThrownBy(() -> LaunchGeometry.attention(8, 257, 1))
        .withMessageContaining("257");
    assertThat(LaunchGeometry.perRowElements(512, 64)).isEqualTo(new LaunchGeometry.Launch(2, 64, 256));
    assertThat(LaunchGeometry.select(3)).isEqualTo(new LaunchGeometry.Launch(3, 1, 1024));
  }

  @Test
  void invalidShapesAreRefusedBeforeALaunch() {
    assertThatIllegalArgumentException().isThrownBy(() -> LaunchGeometry.matMul(0, 1));
    assertThatIllegalArgumentException().isThrownBy(() -> LaunchGeometry.matMul(16, 0));
    assertThatIllegalArgumentException().isThrownBy(() -> LaunchGeometry.perRowElements(64, 65536))
        .withMessageContaining("65536");
    assertThatIllegalArgumentException().isThrownBy(() -> new LaunchGeometry.Launch(1, 1, 48));
  }
}
