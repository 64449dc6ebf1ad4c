package io.llmops.model;

/**
 * Token counts of one call. Immutable and thread-safe.
 *
 * @param inputTokens tokens in the prompt, after the chat template and special tokens
 * @param outputTokens tokens generated
 * @since 0.1.0
 */
public record TokenUsage(int inputTokens, int outputTokens) {

  /**
   * Validates the counts.
   *
   * @throws IllegalArgumentException if a count is negative
   */
  public TokenUsage {
    if (inputTokens < 0 || outputTokens < 0) {
      throw new IllegalArgumentException("token counts must be >= 0: " + inputTokens + ", " + outputTokens);
    }
  }

  /**
   * Returns input plus output tokens.
   *
   * @return the total
   */
  public int totalTokens() {
    return inputTokens + outputTokens;
  }
}
