package io.llmops.model;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives a streamed generation. The runtime calls {@link #onToken} once per generated token, in order, then exactly
 * one of {@link #onComplete} (also after cancellation, with {@link FinishReason#CANCELLED}, or after a streaming
 * guardrail stopped the output, with {@link FinishReason#CONTENT_FILTER}) or {@link #onError}.
 *
 * <p>Calls for one generation come from one thread at a time, never concurrently; they may come from a runtime
 * worker thread, so keep them short. An exception thrown by {@link #onToken} ends the generation and is passed to
 * {@link #onError}.
 *
 * @param <R> the final response type ({@link ChatResponse} or {@link CompletionResponse})
 * @since 0.1.0
 */
public interface StreamHandler<R> {

  /**
   * Receives the next token.
   *
   * @param token the token; its text may be empty (see {@link GeneratedToken#text()})
   */
  void onToken(GeneratedToken token);

  /**
   * Receives the final response.
   *
   * @param response the whole generation
   */
  void onComplete(R response);

  /**
   * Receives the failure that ended the generation.
   *
   * @param error the failure, usually an {@link io.llmops.LlmOpsException}
   */
  void onError(Throwable error);

  /**
   * Returns a handler that passes each token to {@code onToken} and ignores the rest (the outcome is still available
   * through the {@link StreamHandle}).
   *
   * @param onToken receives tokens
   * @param <R> the response type
   * @return the handler
   */
  static <R> StreamHandler<R> onToken(Consumer<GeneratedToken> onToken) {
    Objects.requireNonNull(onToken, "onToken");
    return new StreamHandler<>() {
      @Override
      public void onToken(GeneratedToken token) {
        onToken.accept(token);
      }

      @Override
      public void onComplete(R response) {}

      @Override
      public void onError(Throwable error) {}
    };
  }

  /**
   * Returns a handler that ignores every event; the outcome is read from the {@link StreamHandle}.
   *
   * @param <R> the response type
   * @return the handler
   */
  static <R> StreamHandler<R> discarding() {
    return onToken(token -> {});
  }
}
