package io.llmops.runtime.cpu.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.runtime.cpu.gguf.GgufWriter;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loader options checked against an equivalent model: tied embeddings against an explicit {@code output.weight}
 * equal to the embedding table, {@code rope.scaling.type = llama3} metadata against the converter's
 * {@code rope_freqs.weight} holding the same divisors.
 */
class LlamaLoaderTest {
  private static final int DIM = 64;
  private static final int FFN = 128;
  private static final int VOCAB = 50;
  private static final int HEAD_DIM = 16;
  private static final int[] PROMPT = {1, 17, 42, 9, 7, 33, 3, 21, 5};

  @TempDir
  Path dir;

  @Test
  void tiedEmbeddingsReuseTheTokenTable() {
    float[] tied = logits(write("tied.gguf", false, w -> { }));
    float[] explicit = logits(write("explicit.gguf", true, w -> { }));
    assertThat(tied).containsExactly(explicit);
  }

  @Test
  void llama3MetadataGivesTheSameModelAsTheRopeFreqsTensor() {
    float[] divisors = Rope.llama3Factors(HEAD_DIM, 10000f, 8f, 1f, 4f, 64);
    assertThat(divisors).contains(1f, 8f);
    assertThat(divisors[1]).isStrictlyBetween(1f, 8f); // an interpolated pair
    float[] fromTensor =
        logits(write("tensor.gguf", true, w -> w.tensor("rope_freqs.weight", divisors, HEAD_DIM / 2)));
    float[] fromMetadata = logits(write("meta.gguf", true, w -> w.putString("llama.rope.scaling.type", "llama3")
        .putFloat32("llama.rope.scaling.factor", 8f).putFloat32("llama.rope.scaling.low_freq_factor", 1f)
        .putFloat32("llama.rope.scaling.high_freq_factor", 4f)
        .putUInt32("llama.rope.scaling.original_context_length", 64)));
    float[] unscaled = logits(write("plain.gguf", true, w -> { }));
    assertThat(fromMetadata).containsExactly(fromTensor);
    double diff = 0;
    for (int i = 0; i < VOCAB; i++) {
      diff = Math.max(diff, Math.abs(fromMetadata[i] - unscaled[i]));
    }
    assertThat(diff).as("scaling must change the logits").isGreaterThan(1e-4);
  }

  private static float[] logits(Path file) {
    return TestModels.lastLogits(file, PROMPT, VOCAB);
  }

  private Path write(String name, boolean withOutput, Consumer<GgufWriter> extra) {
    SplittableRandom r = new SplittableRandom(99);
    GgufWriter w = GgufWriter.create().putString("general.architecture", "llama")
        .putUInt32("llama.context_length", 64).putUInt32("llama.embedding_length", DIM)
        .putUInt32("llama.block_count", 1).putUInt32("llama.feed_forward_length", FFN)
        .putUInt32("llama.attention.head_count", DIM / HEAD_DIM).putUInt32("llama.attention.head_count_kv", 2)
        .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f).putFloat32("llama.rope.freq_base", 10000f);
    extra.accept(w);
    float[] embd = random(r, VOCAB * DIM, 1f);
    w.tensor("token_embd.weight", embd, DIM, VOCAB);
    w.tensor("output_norm.weight", gains(r), DIM);
    if (withOutput) {
      w.tensor("output.weight", embd, DIM, VOCAB);
    }
    w.tensor("blk.0.attn_norm.weight", gains(r), DIM);
    w.tensor("blk.0.attn_q.weight", random(r, DIM * DIM, 0.5f), DIM, DIM);
    w.tensor("blk.0.attn_k.weight", random(r, 2 * HEAD_DIM * DIM, 0.5f), DIM, 2 * HEAD_DIM);
    w.tensor("blk.0.attn_v.weight", random(r, 2 * HEAD_DIM * DIM, 0.5f), DIM, 2 * HEAD_DIM);
    w.tensor("blk.0.attn_output.weight", random(r, DIM * DIM, 0.2f), DIM, DIM);
    w.tensor("blk.0.ffn_norm.weight", gains(r), DIM);
    w.tensor("blk.0.ffn_gate.weight", random(r, FFN * DIM, 0.2f), DIM, FFN);
    w.tensor("blk.0.ffn_up.weight", random(r, FFN * DIM, 0.2f), DIM, FFN);
    w.tensor("blk.0.ffn_down.weight", random(r, DIM * FFN, 0.2f), FFN, DIM);
    Path out = dir.resolve(name);
    w.writeTo(out);
    return out;
  }

  private static float[] random(SplittableRandom r, int n, float scale) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * scale);
    }
    return v;
  }

  private static float[] gains(SplittableRandom r) {
    float[] v = new float[DIM];
    for (int i = 0; i < DIM; i++) {
      v[i] = (float) (1 + r.nextGaussian() * 0.1);
    }
    return v;
  }
}
