package io.llmops.model;

import java.util.concurrent.CompletionStage;

/**
 * The caller's grip on a running generation: cancel it, or wait for its outcome. Thread-safe: any thread may cancel.
 *
 * @param <R> the final response type
 * @since 0.1.0
 */
public interface StreamHandle<R> {

  /**
   * Asks the generation to stop. The runtime stops within one token, frees the sequence's KV cache and completes with
   * {@link FinishReason#CANCELLED}. Idempotent; does nothing once the generation is done.
   */
  void cancel();

  /**
   * Returns whether {@link #cancel()} was called.
   *
   * @return {@code true} after cancellation was requested
   */
  boolean isCancelled();

  /**
   * Returns whether the generation has completed or failed.
   *
   * @return {@code true} when done
   */
  boolean isDone();

  /**
   * Blocks until the generation ends and returns the response (whatever its finish reason).
   *
   * @return the response
   * @throws io.llmops.LlmOpsException the failure that ended the generation (others are wrapped)
   * @throws io.llmops.GenerationCancelledException if the waiting thread is interrupted; the generation is cancelled
   */
  R await();

  /**
   * Returns the outcome as a stage, for asynchronous composition.
   *
   * @return a stage completed with the response or the failure
   */
  CompletionStage<R> completion();
}
