package io.llmops.runtime.cpu.engine;

/**
 * Turns generated tokens into text incrementally without ever splitting a UTF-8 code point (the tokenizer's streaming
 * decoder). One per generation; not thread-safe.
 *
 * @since 0.1.0
 */
public interface TextDecoder {

  /**
   * Adds a token.
   *
   * @param token the token id
   * @return the complete characters it finished, possibly empty
   */
  String accept(int token);

  /**
   * Ends the stream.
   *
   * @return what was still pending (an incomplete sequence becomes U+FFFD)
   */
  String flush();
}
