package io.llmops.model;

/**
 * A loaded generative model, as a runtime returns it: chat, raw completion and log-probabilities in one object that
 * owns the model's resources (mapped weights, KV caches, worker threads).
 *
 * <p>Thread-safe. Close it when done; calls after {@link #close()} throw {@link IllegalStateException}, and closing
 * cancels running generations.
 *
 * @since 0.1.0
 */
public interface LanguageModel extends ChatModel, CompletionModel, LogprobModel, AutoCloseable {

  /** Releases the model's resources. Idempotent. */
  @Override
  void close();
}
