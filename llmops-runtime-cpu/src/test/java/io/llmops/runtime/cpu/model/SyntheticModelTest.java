package io.llmops.runtime.cpu.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.runtime.cpu.gguf.GgufWriter;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.Quantization;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Tiny random llama/qwen2 models written with {@link GgufWriter}: each weight type must give next-token logits close
 * to the same weights in F32. The bound is relative to the RMS of the F32 logits; it reflects each format's
 * precision (16-bit floats: rounding only; 8-bit blocks; 6/4-bit k-quants and 4-bit blocks) with about 2x headroom
 * over what was measured.
 */
class SyntheticModelTest {
  private static final int DIM = 256;
  private static final int FFN = 512;
  private static final int VOCAB = 300;
  private static final int[] PROMPT = {1, 17, 42, 199, 7, 250, 3};

  private static float[] f32Logits;

  @TempDir
  Path dir;

  @ParameterizedTest
  // Measured: F16 7.9e-4, BF16 6.2e-3, Q8_0 0.023, Q6_K 0.085, Q4_K 0.345, Q4_0 0.339.
  @CsvSource({"F16, 0.002", "BF16, 0.015", "Q8_0, 0.05", "Q6_K, 0.17", "Q4_K, 0.7", "Q4_0, 0.7"})
  void quantizedLogitsStayCloseToF32(GgmlType type, double bound) {
    if (f32Logits == null) {
      f32Logits = logits(write("llama", GgmlType.F32, "ref.gguf"));
    }
    float[] reference = f32Logits;
    float[] quantized = logits(write("llama", type, type + ".gguf"));
    double rms = 0;
    double maxDiff = 0;
    for (int i = 0; i < VOCAB; i++) {
      rms += reference[i] * reference[i];
      maxDiff = Math.max(maxDiff, Math.abs(reference[i] - quantized[i]));
    }
    rms = Math.sqrt(rms / VOCAB);
    assertThat(rms).isGreaterThan(0.1);
    assertThat(maxDiff / rms).as("%s: max |logit - F32| / rms(F32 logits)", type).isLessThan(bound);
  }

  @Test
  void qwen2WithBiasesRunsAndUsesThem() {
    float[] qwen = logits(write("qwen2", GgmlType.F32, "qwen.gguf"));
    float[] llama = logits(write("llama", GgmlType.F32, "llama.gguf"));
    double diff = 0;
    for (int i = 0; i < VOCAB; i++) {
      assertThat(qwen[i]).isFinite();
      diff = Math.max(diff, Math.abs(qwen[i] - llama[i]));
    }
    // Same weights, but biases and NEOX rope: the logits must differ.
    assertThat(diff).isGreaterThan(1e-3);
  }

  private static float[] logits(Path file) {
    return TestModels.lastLogits(file, PROMPT, VOCAB);
  }

  private Path write(String arch, GgmlType type, String name) {
    SplittableRandom r = new SplittableRandom(1234);
    GgufWriter w = GgufWriter.create().putString("general.architecture", arch)
        .putUInt32(arch + ".context_length", 128).putUInt32(arch + ".embedding_length", DIM)
        .putUInt32(arch + ".block_count", 2).putUInt32(arch + ".feed_forward_length", FFN)
        .putUInt32(arch + ".attention.head_count", 4).putUInt32(arch + ".attention.head_count_kv", 2)
        .putFloat32(arch + ".attention.layer_norm_rms_epsilon", 1e-5f).putFloat32(arch + ".rope.freq_base", 10000f);
    matrix(w, r, type, "token_embd.weight", VOCAB, DIM, 1.0f);
    vector(w, r, "output_norm.weight", DIM, true);
    matrix(w, r, type, "output.weight", VOCAB, DIM, 0.1f);
    for (int l = 0; l < 2; l++) {
      String p = "blk." + l + ".";
      vector(w, r, p + "attn_norm.weight", DIM, true);
      matrix(w, r, type, p + "attn_q.weight", DIM, DIM, 0.1f);
      matrix(w, r, type, p + "attn_k.weight", DIM / 2, DIM, 0.1f);
      matrix(w, r, type, p + "attn_v.weight", DIM / 2, DIM, 0.1f);
      if (arch.equals("qwen2")) {
        vector(w, r, p + "attn_q.bias", DIM, false);
        vector(w, r, p + "attn_k.bias", DIM / 2, false);
        vector(w, r, p + "attn_v.bias", DIM / 2, false);
      }
      matrix(w, r, type, p + "attn_output.weight", DIM, DIM, 0.1f);
      vector(w, r, p + "ffn_norm.weight", DIM, true);
      matrix(w, r, type, p + "ffn_gate.weight", FFN, DIM, 0.1f);
      matrix(w, r, type, p + "ffn_up.weight", FFN, DIM, 0.1f);
      matrix(w, r, type, p + "ffn_down.weight", DIM, FFN, 0.07f);
    }
    Path out = dir.resolve(name);
    w.writeTo(out);
    return out;
  }

  private static void matrix(GgufWriter w, SplittableRandom r, GgmlType type, String name, int rows, int cols,
      float scale) {
    float[] v = new float[rows * cols];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (r.nextGaussian() * scale / Math.sqrt(cols) * 4); // keeps the residual stream O(1)
    }
    if (type == GgmlType.F32) {
      w.tensor(name, v, cols, rows);
    } else {
      w.tensor(name, type, Quantization.quantize(type, v), cols, rows);
    }
  }

  private static void vector(GgufWriter w, SplittableRandom r, String name, int n, boolean gain) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (gain ? 1 + r.nextGaussian() * 0.1 : r.nextGaussian() * 0.5);
    }
    w.tensor(name, v, n);
  }
}
