package io.llmops.model;

import io.llmops.GenerationCancelledException;
import io.llmops.LlmOpsException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link StreamHandle} for implementors of models and model decorators: the producer calls {@link #complete} or
 * {@link #fail} once and polls {@link #isCancelled()} between tokens. Thread-safe.
 *
 * @param <R> the final response type
 * @since 0.1.0
 */
public final class CompletableStreamHandle<R> implements StreamHandle<R> {
  private final CompletableFuture<R> future = new CompletableFuture<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private volatile Runnable onCancel = () -> {};

  /** Creates a handle for a generation that has not finished. */
  public CompletableStreamHandle() {}

  /**
   * Sets an action run (once, on the cancelling thread) when {@link #cancel()} is first called; decorators use it to
   * cancel the generation they wrap.
   *
   * @param onCancel the action
   */
  public void onCancel(Runnable onCancel) {
    this.onCancel = onCancel;
    if (cancelled.get() && !future.isDone()) {
      onCancel.run();
    }
  }

  @Override
  public void cancel() {
    if (!future.isDone() && cancelled.compareAndSet(false, true)) {
      onCancel.run();
    }
  }

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public boolean isDone() {
    return future.isDone();
  }

  /**
   * Completes the handle with a response. Later calls are ignored.
   *
   * @param response the response
   * @return {@code true} if this call completed the handle
   */
  public boolean complete(R response) {
    return future.complete(response);
  }

  /**
   * Completes the handle with a failure. Later calls are ignored.
   *
   * @param error the failure
   * @return {@code true} if this call completed the handle
   */
  public boolean fail(Throwable error) {
    return future.completeExceptionally(error);
  }

  @Override
  public R await() {
    try {
      return future.get();
    } catch (InterruptedException e) {
      cancel();
      Thread.currentThread().interrupt();
      throw new GenerationCancelledException("interrupted while waiting for the generation; it was cancelled");
    } catch (CancellationException e) {
      throw new GenerationCancelledException("the generation was cancelled before it produced a response");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LlmOpsException) {
        throw (LlmOpsException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new LlmOpsException("generation failed: " + cause, cause);
    }
  }

  @Override
  public CompletionStage<R> completion() {
    return future.minimalCompletionStage();
  }
}
