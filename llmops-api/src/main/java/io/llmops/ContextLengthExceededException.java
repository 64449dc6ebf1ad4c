package io.llmops;

/**
 * The prompt does not fit in the model's context window. Thrown before any token is generated; a generation that
 * reaches the end of the context instead finishes with {@link io.llmops.model.FinishReason#LENGTH}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public class ContextLengthExceededException extends LlmOpsException {
  private static final long serialVersionUID = 1L;

  private final int promptTokens;
  private final int contextLength;

  /**
   * Creates the exception.
   *
   * @param promptTokens the number of tokens in the prompt
   * @param contextLength the context length of the loaded model
   */
  public ContextLengthExceededException(int promptTokens, int contextLength) {
    super("prompt has " + promptTokens + " tokens but the context holds " + contextLength
        + "; shorten the prompt or load the model with a larger context length");
    this.promptTokens = promptTokens;
    this.contextLength = contextLength;
  }

  /**
   * Returns the number of tokens in the rejected prompt.
   *
   * @return the prompt length in tokens
   */
  public int promptTokens() {
    return promptTokens;
  }

  /**
   * Returns the context length the model was loaded with.
   *
   * @return the context length in tokens
   */
  public int contextLength() {
    return contextLength;
  }
}
