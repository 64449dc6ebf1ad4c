package io.llmops.feedback;

/**
 * Where feedback goes (a store, a queue, an evaluation dataset). Implementations are thread-safe; {@link #noop()}
 * discards everything.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface FeedbackSink {

  /**
   * Records feedback.
   *
   * @param feedback the feedback
   */
  void record(Feedback feedback);

  /**
   * Returns a sink that discards everything.
   *
   * @return the no-op sink
   */
  static FeedbackSink noop() {
    return feedback -> {};
  }
}
