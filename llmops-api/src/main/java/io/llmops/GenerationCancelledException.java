package io.llmops;

/**
 * Thrown by a blocking wait on a generation that was cancelled (for example by {@link
 * io.llmops.model.StreamHandle#await()} when another thread called {@link io.llmops.model.StreamHandle#cancel()}).
 * Streaming handlers are not given this exception: they see {@code onComplete} with finish reason {@link
 * io.llmops.model.FinishReason#CANCELLED}.
 *
 * @since 0.1.0
 */
public class GenerationCancelledException extends LlmOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was cancelled
   */
  public GenerationCancelledException(String message) {
    super(message);
  }
}
