package io.llmops.guardrails.output;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.OutputGuardrail;
import io.llmops.model.EmbeddingModel;
import java.util.List;
import java.util.Objects;

/**
 * Flags answers unrelated to the question: cosine similarity between the sentence-encoder embeddings of the
 * question ({@link GuardrailContext#question()}) and the answer below a threshold. Skipped when the question is
 * unknown. Judges whole answers. Thread-safe.
 *
 * @since 0.1.0
 */
public final class RelevanceGuardrail implements OutputGuardrail {
  private final EmbeddingModel encoder;
  private final double threshold;
  private final GuardrailAction action;

  private RelevanceGuardrail(EmbeddingModel encoder, double threshold, GuardrailAction action) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.threshold = threshold;
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * Creates the rail.
   *
   * @param encoder the sentence encoder
   * @param threshold minimum cosine similarity (≈0.2–0.3 for MiniLM on question/answer pairs)
   * @param action what to do with an irrelevant answer (usually {@code REVIEW})
   * @return the rail
   */
  public static RelevanceGuardrail of(EmbeddingModel encoder, double threshold, GuardrailAction action) {
    return new RelevanceGuardrail(encoder, threshold, action);
  }

  /**
   * Returns the similarity between a question and an answer.
   *
   * @param question the question
   * @param answer the answer
   * @return cosine similarity in [-1, 1]
   */
  public double similarity(String question, String answer) {
    return encoder.embed(question).cosineSimilarity(encoder.embed(answer));
  }

  @Override
  public String name() {
    return "relevance";
  }

  @Override
  public boolean checksPartialText() {
    return false;
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    if (context.question().isBlank() || text.isBlank()) {
      return GuardrailResult.pass(name());
    }
    double s = similarity(context.question(), text);
    if (s >= threshold) {
      return GuardrailResult.pass(name());
    }
    Finding f = new Finding("IRRELEVANT_ANSWER", -1, -1, Math.max(0, Math.min(1, 1 - s)), action,
        String.format(java.util.Locale.ROOT, "similarity=%.2f", s));
    return action == GuardrailAction.BLOCK ? GuardrailResult.fail(name(), "answer unrelated to the question",
        List.of(f)) : GuardrailResult.pass(name(), List.of(f));
  }

  @Override
  public String toString() {
    return "RelevanceGuardrail{threshold=" + threshold + '}';
  }
}
