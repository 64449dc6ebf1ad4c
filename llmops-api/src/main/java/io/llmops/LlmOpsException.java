package io.llmops;

/**
 * The root of every exception thrown by llmops-java. Unchecked: callers catch the subtype they can act on.
 *
 * <p>Subtypes: {@link ModelLoadException}, {@link ContextLengthExceededException}, {@link RuntimeUnavailableException},
 * {@link GuardrailViolationException}, {@link GenerationCancelledException}, {@link InvalidRequestException} and
 * {@link ResourceExhaustedException}. Instances are immutable once thrown and safe to share between threads.
 *
 * @since 0.1.0
 */
public class LlmOpsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong and, where known, the bad value and where it was found
   */
  public LlmOpsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure, may be {@code null}
   */
  public LlmOpsException(String message, Throwable cause) {
    super(message, cause);
  }
}
