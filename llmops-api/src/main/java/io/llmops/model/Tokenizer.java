package io.llmops.model;

/**
 * Turns text into a model's token ids and back. Thread-safe and stateless between calls.
 *
 * @since 0.1.0
 */
public interface Tokenizer {

  /**
   * Encodes text as llama.cpp does by default: automatic special tokens (BOS) added, special-token text not parsed.
   *
   * @param text the text
   * @return the token ids
   */
  default int[] encode(String text) {
    return encode(text, true, false);
  }

  /**
   * Encodes text.
   *
   * @param text the text
   * @param addSpecialTokens whether to add the model's automatic special tokens (BOS, and EOS/SEP where the model
   *     asks for them)
   * @param parseSpecialTokens whether special-token text (e.g. {@code <|im_start|>}) becomes those tokens
   * @return the token ids
   */
  int[] encode(String text, boolean addSpecialTokens, boolean parseSpecialTokens);

  /**
   * Decodes ids to text. Control tokens (BOS, EOS) decode to nothing; invalid UTF-8 becomes U+FFFD.
   *
   * @param tokens the ids
   * @return the text
   * @throws IndexOutOfBoundsException if an id is outside the vocabulary
   */
  String decode(int[] tokens);

  /**
   * Returns the number of tokens in the vocabulary.
   *
   * @return the size
   */
  int vocabularySize();
}
