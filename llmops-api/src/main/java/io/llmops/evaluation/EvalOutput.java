package io.llmops.evaluation;

import io.llmops.model.CompletionResponse;
import java.util.Objects;
import java.util.Optional;

/**
 * What a model produced for one {@link EvalCase}: the text, the full response when there is one (usage, timings,
 * log-probabilities) and the measured latency. Immutable and thread-safe.
 *
 * @param text the output text
 * @param response the response behind it, or {@code null} when the output came from elsewhere
 * @param latencyNanos wall time of the call
 * @since 0.1.0
 */
public record EvalOutput(String text, CompletionResponse response, long latencyNanos) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code text} is {@code null}
   */
  public EvalOutput {
    Objects.requireNonNull(text, "text");
  }

  /**
   * Creates an output that is only text.
   *
   * @param text the text
   * @return the output
   */
  public static EvalOutput of(String text) {
    return new EvalOutput(text, null, 0);
  }

  /**
   * Returns the response, when there is one.
   *
   * @return the response
   */
  public Optional<CompletionResponse> responseIfAny() {
    return Optional.ofNullable(response);
  }
}
