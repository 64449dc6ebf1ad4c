package io.llmops;

/**
 * A bounded resource is full: the KV-cache budget, the number of concurrent sequences, or a tenant's token or money
 * budget. Raised before inference starts whenever possible, so nothing is lost.
 *
 * @since 0.1.0
 */
public class ResourceExhaustedException extends LlmOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which resource, how much was asked and how much is left
   */
  public ResourceExhaustedException(String message) {
    super(message);
  }
}
