package io.llmops.model;

import java.util.List;

/**
 * A model that maps texts to vectors (a sentence encoder). Thread-safe. Owns native resources: close it when done.
 *
 * @since 0.1.0
 */
public interface EmbeddingModel extends AutoCloseable {

  /**
   * Returns the model's name.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the dimension of the vectors.
   *
   * @return the dimension
   */
  int dimension();

  /**
   * Embeds texts in one batch. Results may differ slightly from {@link #embed(String)} one by one (padding and
   * dynamic quantization); implementations document the tolerance.
   *
   * @param texts the texts
   * @return one embedding per text, in order
   * @throws io.llmops.LlmOpsException if inference fails
   */
  List<Embedding> embedAll(List<String> texts);

  /**
   * Embeds one text.
   *
   * @param text the text
   * @return its embedding
   * @throws io.llmops.LlmOpsException if inference fails
   */
  default Embedding embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  /** Releases native resources. Idempotent. */
  @Override
  void close();
}
