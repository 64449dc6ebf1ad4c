package io.llmops.runtime.cpu.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.ModelLoadException;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.testing.TestFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the real stories260K model and checks the facts documented in {@code shared/models/README.md}. */
class GgufFileTest {

  @Test
  void readsStories260kFacts() {
    Path model = TestFiles.model("stories260K.gguf");
    try (GgufFile f = GgufFile.open(model)) {
      String text = GgufInspector.inspect(f, 4);
      assertThat(text).contains("GGUF v3", "tokenizer.ggml.tokens : array<string>[512] = [\"<unk>\", \"<s>\"",
          "... 508 more]", "blk.0.ffn_down.weight", "[172, 64]", "total: 292800 elements, 1171200 bytes");
      assertThat(f.version()).isIn(2, 3);
      assertThat(f.fileSize()).isEqualTo(1_185_376L);
      assertThat(f.getString("general.architecture")).isEqualTo("llama");
      assertThat(f.getInt("llama.embedding_length")).isEqualTo(64);
      assertThat(f.getInt("llama.block_count")).isEqualTo(5);
      assertThat(f.getInt("llama.attention.head_count")).isEqualTo(8);
      assertThat(f.getInt("llama.attention.head_count_kv")).isEqualTo(4);
      assertThat(f.getInt("llama.feed_forward_length")).isEqualTo(172);
      assertThat(f.getInt("llama.context_length")).isEqualTo(2048);
      assertThat(f.getFloat("llama.attention.layer_norm_rms_epsilon")).isEqualTo(1e-5f);
      assertThat(f.getString("tokenizer.ggml.model")).isEqualTo("llama");
      assertThat(f.getStringArray("tokenizer.ggml.tokens")).hasSize(512);
      assertThat(f.getFloatArray("tokenizer.ggml.scores")).hasSize(512);
      assertThat(f.getIntArray("tokenizer.ggml.token_type")).hasSize(512);
      assertThat(f.getInt("tokenizer.ggml.bos_token_id")).isEqualTo(1);
      assertThat(f.getInt("tokenizer.ggml.eos_token_id")).isEqualTo(2);
      assertThat(f.getInt("tokenizer.ggml.unknown_token_id", 0)).isEqualTo(0);
      assertThat(f.alignment()).isEqualTo(32);
      assertThat(f.dataOffset() % 32).isZero();

      List<GgufTensorInfo> tensors = f.tensors();
      assertThat(tensors).allSatisfy(t -> assertThat(t.type()).isEqualTo(GgmlType.F32));
      GgufTensorInfo embd = f.tensor("token_embd.weight");
      assertThat(embd.shape()).containsExactly(64, 512);
      assertThat(f.tensor("blk.4.attn_q.weight").shape()).containsExactly(64, 64);
      assertThat(f.tensor("blk.0.attn_k.weight").shape()).containsExactly(64, 32);
      assertThat(f.tensor("blk.0.ffn_gate.weight").shape()).containsExactly(64, 172);
      assertThat(f.tensor("blk.0.ffn_down.weight").shape()).containsExactly(172, 64);
      assertThat(f.tensor("output_norm.weight").shape()).containsExactly(64);
      assertThat(f.findTensor("blk.5.attn_q.weight")).isEmpty();
      for (int l = 0; l < 5; l++) {
        for (String n : List.of("attn_norm", "attn_q", "attn_k", "attn_v", "attn_output", "ffn_norm", "ffn_gate",
            "ffn_up", "ffn_down")) {
          assertThat(f.findTensor("blk." + l + "." + n + ".weight")).as("blk.%d.%s", l, n).isPresent();
        }
      }
      // Sum of all tensor bytes fits the data section exactly up to alignment padding.
      long last = tensors.stream().mapToLong(t -> t.offset() + t.byteSize()).max().orElseThrow();
      assertThat(f.dataOffset() + last).isLessThanOrEqualTo(f.fileSize());

      ByteBuffer data = f.tensorData(f.tensor("output_norm.weight"));
      assertThat(data.isReadOnly()).isTrue();
      assertThat(data.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
      assertThat(data.remaining()).isEqualTo(64 * 4);
      // An RMSNorm weight of a trained model: finite, mostly positive values.
      for (int i = 0; i < 64; i++) {
        assertThat(Float.isFinite(data.getFloat(i * 4))).isTrue();
      }
      assertThatThrownBy(() -> f.getString("llama.block_count"))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("llama.block_count")
          .hasMessageContaining("expected a string");
      assertThatThrownBy(() -> f.getInt("no.such.key")).isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("no.such.key is missing");
    }
  }

  @Test
  void missingFileIsModelLoadException() {
    assertThatThrownBy(() -> GgufFile.open(Path.of("does/not/exist.gguf")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not found");
  }
}
