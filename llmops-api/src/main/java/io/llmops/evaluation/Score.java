package io.llmops.evaluation;

import java.util.Objects;

/**
 * What a {@link Scorer} gave one output. Immutable and thread-safe.
 *
 * @param metric the metric's name
 * @param value the score: in [0, 1] for quality metrics (1 is best), or a raw value (milliseconds, tokens,
 *     perplexity) for measurements, as the metric documents
 * @param passed whether the output meets the metric's threshold
 * @param reason why, in a sentence (for a judge, its own explanation)
 * @since 0.1.0
 */
public record Score(String metric, double value, boolean passed, String reason) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code metric} or {@code reason} is {@code null}
   */
  public Score {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(reason, "reason");
  }
}
