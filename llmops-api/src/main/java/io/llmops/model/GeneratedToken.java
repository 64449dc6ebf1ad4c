package io.llmops.model;

import java.util.List;
import java.util.Objects;

/**
 * A token produced by a generation, as streamed to a {@link StreamHandler}. Immutable and thread-safe.
 *
 * @param id the token id
 * @param text the text this token adds to the output; empty while a multi-byte UTF-8 character is incomplete (the
 *     text is emitted with the token that completes it, never half a code point), or while the text may still turn
 *     into a stop sequence
 * @param logprob log-probability of this token (log-softmax of the raw logits), or {@code Double.NaN} when the request
 *     did not ask for log-probabilities
 * @param topLogprobs the most likely alternatives at this position, most likely first; empty unless requested with
 *     {@link SamplingParameters#topLogprobs()}
 * @since 0.1.0
 */
public record GeneratedToken(int id, String text, double logprob, List<TokenLogprob> topLogprobs) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if {@code text} or {@code topLogprobs} is {@code null}
   */
  public GeneratedToken {
    Objects.requireNonNull(text, "text");
    topLogprobs = List.copyOf(topLogprobs);
  }

  /**
   * Creates a token without log-probabilities.
   *
   * @param id the token id
   * @param text the text it adds
   * @return the token
   */
  public static GeneratedToken of(int id, String text) {
    return new GeneratedToken(id, text, Double.NaN, List.of());
  }
}
