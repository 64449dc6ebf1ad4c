package io.llmops.eval.lm;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.Models;
import io.llmops.eval.RealModels;
import io.llmops.model.LanguageModel;
import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.tensor.GgmlType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quantization check on real models: stories260K written as F32, Q8_0 and Q4_0 (mixed: rows of 172 stay F32),
 * loaded by the CPU runtime and compared on the story corpus. Oracles: an F32 copy is bit-identical to the original
 * (KL 0, full agreement, same perplexity), and quantization error orders as the formats' precision does.
 */
class QuantizationCheckRealModelTest {

  @Test
  void q8IsCloserToF32ThanQ4(@TempDir Path dir) throws Exception {
    Path original = RealModels.storiesFile();
    RealModels.stories().close(); // skips (or fails on CI) when the model or runtime is missing
    String text;
    try (InputStream in = getClass().getResourceAsStream("stories-corpus.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Path f32 = dir.resolve("stories260K-f32.gguf");
    Path q8 = dir.resolve("stories260K-q8_0.gguf");
    Path q4 = dir.resolve("stories260K-q4_0.gguf");
    QuantizedVariants.write(original, GgmlType.F32, f32);
    int n8 = QuantizedVariants.write(original, GgmlType.Q8_0, q8);
    int n4 = QuantizedVariants.write(original, GgmlType.Q4_0, q4);
    assertThat(n8).isPositive().isEqualTo(n4);
    try (GgufFile g = GgufFile.open(q4)) {
      // Mixed file: the 172-wide FFN rows stay F32 next to Q4_0 attention matrices.
      assertThat(g.tensors()).anyMatch(t -> t.type() == GgmlType.Q4_0)
          .anyMatch(t -> t.type() == GgmlType.F32 && t.rank() == 2 && t.dim(0) % 32 != 0);
      assertThat(g.tensors().stream().filter(t -> t.type() == GgmlType.Q4_0).mapToLong(t -> t.dim(0))
          .allMatch(d -> d % 32 == 0)).isTrue();
    }
    int ctx = 128;
    try (LanguageModel ref = Models.load(original); LanguageModel m32 = Models.load(f32);
        LanguageModel m8 = Models.load(q8); LanguageModel m4 = Models.load(q4)) {
      QuantizationCheck.Result same = QuantizationCheck.compare(ref, m32, text, ctx, 64);
      QuantizationCheck.Result r8 = QuantizationCheck.compare(m32, m8, text, ctx, 64);
      QuantizationCheck.Result r4 = QuantizationCheck.compare(m32, m4, text, ctx, 64);
      System.err.println(row("F32 copy", same) + "\n" + row("Q8_0", r8) + "\n" + row("Q4_0", r4));
      assertThat(same.meanKl()).isZero();
      assertThat(same.top1Agreement()).isEqualTo(1.0);
      assertThat(same.pplDelta()).isZero();

      assertThat(r8.meanKl()).isLessThan(r4.meanKl()).isLessThan(0.01);
      assertThat(Math.abs(r8.pplDelta())).isLessThan(Math.abs(r4.pplDelta()));
      assertThat(Math.abs(r8.pplDelta()) / r8.reference().ppl()).isLessThan(0.01);
      assertThat(r8.top1Agreement()).isGreaterThanOrEqualTo(r4.top1Agreement()).isGreaterThan(0.9);
      assertThat(r4.meanKl()).isPositive();
    }
  }

  private static String row(String name, QuantizationCheck.Result r) {
    return String.format(Locale.ROOT, "%-9s ppl %.4f (F32 %.4f, delta %+.4f) top-1 agreement %.3f mean KL %.6f"
        + " max KL %.6f over %d positions", name, r.candidate().ppl(), r.reference().ppl(), r.pplDelta(),
        r.top1Agreement(), r.meanKl(), r.maxKl(), r.positions());
  }
}
