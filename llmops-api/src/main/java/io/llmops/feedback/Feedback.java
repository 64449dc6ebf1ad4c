package io.llmops.feedback;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A person's judgement of one model response. Immutable and thread-safe; build with {@link #builder(String)}.
 *
 * @since 0.1.0
 */
public final class Feedback {

  /**
   * A thumbs-style verdict.
   *
   * @since 0.1.0
   */
  public enum Rating {
    /** Good answer. */
    POSITIVE,
    /** Bad answer. */
    NEGATIVE,
    /** No verdict, only a score or comment. */
    NEUTRAL
  }

  private final String responseId;
  private final Rating rating;
  private final Double score;
  private final String comment;
  private final String correction;
  private final String userId;
  private final Instant timestamp;
  private final Map<String, String> attributes;

  private Feedback(Builder b) {
    responseId = b.responseId;
    rating = b.rating;
    score = b.score;
    comment = b.comment;
    correction = b.correction;
    userId = b.userId;
    timestamp = b.timestamp == null ? Instant.now() : b.timestamp;
    attributes = Map.copyOf(b.attributes);
  }

  /**
   * Returns a builder.
   *
   * @param responseId the id of the response judged ({@link io.llmops.model.ChatResponse#id()})
   * @return the builder
   */
  public static Builder builder(String responseId) {
    return new Builder(responseId);
  }

  /**
   * Returns the judged response's id.
   *
   * @return the id
   */
  public String responseId() {
    return responseId;
  }

  /**
   * Returns the verdict.
   *
   * @return the rating
   */
  public Rating rating() {
    return rating;
  }

  /**
   * Returns a numeric score, when given.
   *
   * @return the score in [0, 1]
   */
  public OptionalDouble score() {
    return score == null ? OptionalDouble.empty() : OptionalDouble.of(score);
  }

  /**
   * Returns the comment.
   *
   * @return the comment, may be empty
   */
  public String comment() {
    return comment;
  }

  /**
   * Returns the answer the person would have wanted.
   *
   * @return the correction, may be empty
   */
  public String correction() {
    return correction;
  }

  /**
   * Returns who gave the feedback.
   *
   * @return a user id, may be empty
   */
  public String userId() {
    return userId;
  }

  /**
   * Returns when it was given.
   *
   * @return the time
   */
  public Instant timestamp() {
    return timestamp;
  }

  /**
   * Returns extra attributes (prompt version, A/B arm).
   *
   * @return an immutable map
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  @Override
  public String toString() {
    return "Feedback{response=" + responseId + ", " + rating + (score == null ? "" : ", score=" + score) + '}';
  }

  /**
   * Builds {@link Feedback}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final String responseId;
    private Rating rating = Rating.NEUTRAL;
    private Double score;
    private String comment = "";
    private String correction = "";
    private String userId = "";
    private Instant timestamp;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder(String responseId) {
      this.responseId = Objects.requireNonNull(responseId, "responseId");
    }

    /**
     * Sets the verdict.
     *
     * @param rating the rating
     * @return this builder
     */
    public Builder rating(Rating rating) {
      this.rating = Objects.requireNonNull(rating, "rating");
      return this;
    }

    /**
     * Sets a numeric score.
     *
     * @param score in [0, 1]
     * @return this builder
     */
    public Builder score(double score) {
      io.llmops.InvalidRequestException.check(score >= 0 && score <= 1, "feedback score must be in [0, 1]: " + score);
      this.score = score;
      return this;
    }

    /**
     * Sets the comment.
     *
     * @param comment free text
     * @return this builder
     */
    public Builder comment(String comment) {
      this.comment = Objects.requireNonNull(comment, "comment");
      return this;
    }

    /**
     * Sets the corrected answer.
     *
     * @param correction the wanted answer
     * @return this builder
     */
    public Builder correction(String correction) {
      this.correction = Objects.requireNonNull(correction, "correction");
      return this;
    }

    /**
     * Sets who gave it.
     *
     * @param userId the user id
     * @return this builder
     */
    public Builder userId(String userId) {
      this.userId = Objects.requireNonNull(userId, "userId");
      return this;
    }

    /**
     * Sets when it was given (default: when built).
     *
     * @param timestamp the time
     * @return this builder
     */
    public Builder timestamp(Instant timestamp) {
      this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
      return this;
    }

    /**
     * Sets an attribute.
     *
     * @param key the name
     * @param value the value
     * @return this builder
     */
    public Builder attribute(String key, String value) {
      attributes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds.
     *
     * @return the feedback
     */
    public Feedback build() {
      return new Feedback(this);
    }
  }
}
