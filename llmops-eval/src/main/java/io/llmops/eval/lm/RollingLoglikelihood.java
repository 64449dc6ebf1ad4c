package io.llmops.eval.lm;

/**
 * The log-likelihood of a whole text, every token predicted once, and what lm-evaluation-harness derives from it.
 * Immutable and thread-safe.
 *
 * @param logprob total natural-log likelihood
 * @param tokens tokens predicted
 * @param bytes UTF-8 bytes of the text
 * @param words whitespace-separated words of the text
 * @param windows forward passes used
 * @since 0.1.0
 */
public record RollingLoglikelihood(double logprob, int tokens, int bytes, int words, int windows) {

  /**
   * Returns bits per byte: {@code -logprob / (bytes * ln 2)}.
   *
   * @return bits per UTF-8 byte
   */
  public double bitsPerByte() {
    return -logprob / (bytes * Math.log(2));
  }

  /**
   * Returns token perplexity: {@code exp(-logprob / tokens)}.
   *
   * @return perplexity per token
   */
  public double tokenPerplexity() {
    return Math.exp(-logprob / tokens);
  }

  /**
   * Returns word perplexity: {@code exp(-logprob / words)}.
   *
   * @return perplexity per word
   */
  public double wordPerplexity() {
    return Math.exp(-logprob / words);
  }

  /**
   * Returns byte perplexity: {@code exp(-logprob / bytes)}.
   *
   * @return perplexity per byte
   */
  public double bytePerplexity() {
    return Math.exp(-logprob / bytes);
  }
}
