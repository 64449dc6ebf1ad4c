package io.llmops;

/**
 * A request or option holds an impossible value (a negative temperature, top-p above 1, zero threads, an unknown role
 * for the chat template). The message names the parameter and the value.
 *
 * @since 0.1.0
 */
public class InvalidRequestException extends LlmOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the parameter, its value and the allowed range
   */
  public InvalidRequestException(String message) {
    super(message);
  }

  /**
   * Throws when {@code condition} is false; the API's value types use it in their builders.
   *
   * @param condition what must hold
   * @param message the message when it does not
   * @throws InvalidRequestException when {@code condition} is false
   */
  public static void check(boolean condition, String message) {
    if (!condition) {
      throw new InvalidRequestException(message);
    }
  }
}
