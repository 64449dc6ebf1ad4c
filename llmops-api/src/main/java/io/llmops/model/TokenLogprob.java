package io.llmops.model;

import java.util.Objects;

/**
 * A candidate token with its log-probability (natural log, after the sampler's temperature is <em>not</em> applied:
 * log-softmax of the raw logits). Immutable and thread-safe.
 *
 * @param id the token id in the model's vocabulary
 * @param text the token's text as decoded alone (may be a partial UTF-8 sequence shown as U+FFFD)
 * @param logprob the natural-log probability, at most 0
 * @since 0.1.0
 */
public record TokenLogprob(int id, String text, double logprob) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code text} is {@code null}
   */
  public TokenLogprob {
    Objects.requireNonNull(text, "text");
  }
}
