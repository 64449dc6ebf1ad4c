package io.llmops.runtime.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.model.LlamaConfig;
import io.llmops.runtime.cpu.model.LlamaLoader;
import io.llmops.runtime.cpu.model.Rope;
import io.llmops.testing.TestFiles;
import org.junit.jupiter.api.Test;

class MemoryPlanTest {
  /** Llama 3.2 1B's shape: dim 2048, 16 layers, 32 heads, 8 KV heads of 64, ffn 8192, vocab 128256. */
  static final LlamaConfig ONE_B = new LlamaConfig("llama", 2048, 16, 32, 8, 64, 8192, 128256, 1e-5f, 131072, 64,
      500000f, 1f, Rope.Mode.NORMAL, false);

  @Test
  void kvBudgetAndActivationsByHand() {
    MemoryPlan p = MemoryPlan.of(ONE_B, 1_000_000_000L, 4096, 4);
    // K and V, 16 layers, 8 x 64 wide, F16, 4096 positions = 128 MiB per sequence
    assertThat(p.kvBytesPerSequence()).isEqualTo(2L * 16 * 512 * 2 * 4096).isEqualTo(128L << 20);
    assertThat(p.kvBytes()).isEqualTo(512L << 20);
    // 64 rows of x, xb (2048), q, att (2048), k, v (512), gate, up (8192); 8 rows of 2048 + 128256 logits
    long floats = 64L * (2 * 2048 + 2 * 2048 + 2 * 512 + 2 * 8192) + 8L * (2048 + 128256);
    assertThat(p.activationBytes()).isEqualTo(floats * 4);
    assertThat(p.totalBytes()).isEqualTo(1_000_000_000L + floats * 4 + (512L << 20) + MemoryPlan.DEFAULT_RESERVE);
    assertThat(p.describe()).contains("KV 4 x 0.13 GiB");
  }

  @Test
  void whatFitsInAGivenDeviceMemory() {
    MemoryPlan p = MemoryPlan.of(ONE_B, 1_000_000_000L, 4096, 4);
    assertThat(p.fits(p.totalBytes())).isTrue();
    assertThat(p.fits(p.totalBytes() - 1)).isFalse();
    assertThat(p.sequencesThatFit(p.totalBytes())).isEqualTo(4);
    assertThat(p.sequencesThatFit(p.totalBytes() - 1)).isEqualTo(3);
    assertThat(p.sequencesThatFit(1L << 30)).isZero(); // 1 GiB: not even the weights and reserve
    // an 8 GiB card holds 1B Q8_0 with 4096 positions for dozens of sequences; a 141 GB H200 for a thousand
    assertThat(p.sequencesThatFit(8L << 30)).isEqualTo((int) (((8L << 30) - 1_000_000_000L - p.activationBytes()
        - MemoryPlan.DEFAULT_RESERVE) / (128L << 20)));
  }

  @Test
  void weightBytesOfStories260KCountEveryUploadedTensor() throws Exception {
    try (GgufFile gguf = GgufFile.open(TestFiles.model("stories260K.gguf"))) {
      LlamaConfig c = LlamaLoader.config(gguf);
      long expected = 0;
      for (var t : gguf.tensors()) {
        long bytes = t.rank() == 1 ? 4 * t.elementCount() : t.byteSize();
        expected += (bytes + 255) / 256 * 256;
      }
      assertThat(MemoryPlan.weightBytes(gguf)).isEqualTo(expected);
      // hand count for its shape (dim 64, 5 layers, 8 heads / 4 KV heads of 8, ffn 172, vocab 512), all F32
      long matrices = 512L * 64 + 5L * (64 * 64 + 2 * 32 * 64 + 64 * 64 + 3 * 64 * 172);
      assertThat(expected).isGreaterThanOrEqualTo(matrices * 4 + (2L * 5 + 1) * 64 * 4);
      assertThat(c.kvBytesPerPosition()).isEqualTo(2L * 5 * 32 * 2);
    }
  }
}
