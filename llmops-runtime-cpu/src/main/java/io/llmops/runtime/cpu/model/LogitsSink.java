package io.llmops.runtime.cpu.model;

/**
 * Receives the logits of the batch rows that asked for them, in batch order.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LogitsSink {

  /**
   * Receives one row's logits.
   *
   * @param batchIndex the token's index in the {@link Batch}
   * @param logits one value per vocabulary entry; the array is reused after the call returns
   */
  void accept(int batchIndex, float[] logits);
}
