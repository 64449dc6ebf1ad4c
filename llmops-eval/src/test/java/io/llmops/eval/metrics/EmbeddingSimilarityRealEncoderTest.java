package io.llmops.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.eval.RealEncoder;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.Score;
import io.llmops.evaluation.Scorer;
import io.llmops.runtime.cpu.onnx.OnnxEmbeddingModel;
import org.junit.jupiter.api.Test;

/** The {@code embedding_similarity} scorer on the real all-MiniLM-L6-v2 encoder. */
class EmbeddingSimilarityRealEncoderTest {

  @Test
  void paraphrasesScoreHighAndUnrelatedTextLow() {
    try (OnnxEmbeddingModel encoder = RealEncoder.miniLm()) {
      Scorer s = Scorers.embeddingSimilarity(encoder, 0.6);
      EvalCase c = EvalCase.builder("c").input("Where is the cat?").expected("The cat is sleeping on the sofa.")
          .build();
      Score same = s.score(c, EvalOutput.of("The cat is sleeping on the sofa."));
      // Measured: same 1.0000, paraphrase 0.7333, unrelated 0 (negative cosine, clamped).
      Score paraphrase = s.score(c, EvalOutput.of("A cat naps on the couch."));
      Score unrelated = s.score(c, EvalOutput.of("Quarterly revenue grew by four percent."));
      System.err.printf("embedding_similarity: same %.4f paraphrase %.4f unrelated %.4f%n", same.value(),
          paraphrase.value(), unrelated.value());
      // Identical text: cosine 1 up to the quantized model's batch-dependent noise (DEPENDENCIES.md: ~0.98-0.99).
      assertThat(same.value()).isGreaterThan(0.97);
      assertThat(paraphrase.value()).isGreaterThan(0.6).isLessThan(same.value());
      assertThat(paraphrase.passed()).isTrue();
      assertThat(unrelated.value()).isLessThan(0.3);
      assertThat(unrelated.passed()).isFalse();
    }
  }
}
