package io.llmops.eval.store;

import io.llmops.LlmOpsException;

/**
 * The run store failed: the database cannot be opened, written or read. The message names the store's URL and the
 * operation. Immutable once thrown.
 *
 * @since 0.1.0
 */
public final class RunStoreException extends LlmOpsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the store and the operation that failed
   * @param cause the JDBC failure, may be {@code null}
   */
  public RunStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
