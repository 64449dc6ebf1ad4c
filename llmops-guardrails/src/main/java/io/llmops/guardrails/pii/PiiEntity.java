package io.llmops.guardrails.pii;

import java.util.Objects;

/**
 * One piece of personal data found in a text: its type (one of {@link EntityTypes}), its span and a confidence. Holds
 * offsets only, never the matched text, so it can be logged; use {@link #textIn(String)} to read the value. Immutable
 * and thread-safe.
 *
 * @param type the entity type, e.g. {@code EMAIL}
 * @param start start offset (UTF-16 chars, inclusive)
 * @param end end offset (exclusive)
 * @param score confidence in [0, 1]
 * @param recognizer the name of the recognizer (and rule) that found it, safe to log
 * @since 0.1.0
 */
public record PiiEntity(String type, int start, int end, double score, String recognizer) {

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if the span is empty or negative or the score out of [0, 1]
   */
  public PiiEntity {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(recognizer, "recognizer");
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1]: " + score);
    }
  }

  /**
   * Returns the matched text.
   *
   * @param text the text this entity was found in
   * @return the substring
   */
  public String textIn(String text) {
    return text.substring(start, end);
  }

  /**
   * Returns a copy with another score (clamped to [0, 1]).
   *
   * @param newScore the score
   * @return the copy
   */
  public PiiEntity withScore(double newScore) {
    return new PiiEntity(type, start, end, Math.max(0, Math.min(1, newScore)), recognizer);
  }

  /**
   * Returns whether the spans overlap.
   *
   * @param o the other entity
   * @return {@code true} if they share at least one char
   */
  public boolean overlaps(PiiEntity o) {
    return start < o.end && o.start < end;
  }

  /**
   * Returns the span length.
   *
   * @return {@code end - start}
   */
  public int length() {
    return end - start;
  }
}
