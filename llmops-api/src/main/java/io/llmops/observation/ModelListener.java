package io.llmops.observation;

import io.llmops.model.GeneratedToken;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Observes model calls: once at the start, once per generated token, and once at the end (response or error).
 * Every method has an empty default so a listener implements only what it needs; {@link #noop()} observes nothing.
 *
 * <p>Implementations must be thread-safe (calls for different requests run concurrently) and fast (they run on the
 * engine's thread). A listener that throws must not break inference: runtimes wrap listeners with {@link #safe}.
 *
 * @since 0.1.0
 */
public interface ModelListener {

  /**
   * Called when a call starts, before the prompt is evaluated.
   *
   * @param context the call
   * @param request the request ({@link io.llmops.model.ChatRequest}, {@link io.llmops.model.CompletionRequest}, or
   *     the list of texts for embeddings)
   */
  default void onRequest(ModelCallContext context, Object request) {}

  /**
   * Called for each generated token, in order.
   *
   * @param context the call
   * @param token the token
   */
  default void onToken(ModelCallContext context, GeneratedToken token) {}

  /**
   * Called when a call ends with a response (whatever its finish reason).
   *
   * @param context the call
   * @param response the response ({@link io.llmops.model.ChatResponse}, {@link io.llmops.model.CompletionResponse}
   *     or the embeddings list)
   */
  default void onResponse(ModelCallContext context, Object response) {}

  /**
   * Called when a call fails.
   *
   * @param context the call
   * @param error the failure
   */
  default void onError(ModelCallContext context, Throwable error) {}

  /**
   * Returns a listener that does nothing.
   *
   * @return the no-op listener
   */
  static ModelListener noop() {
    return NoopListener.INSTANCE;
  }

  /**
   * Returns a listener that calls each of {@code listeners} in order.
   *
   * @param listeners the listeners
   * @return the composite
   */
  static ModelListener composite(List<ModelListener> listeners) {
    List<ModelListener> copy = List.copyOf(listeners);
    if (copy.isEmpty()) {
      return noop();
    }
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return new ModelListener() {
      @Override
      public void onRequest(ModelCallContext c, Object r) {
        copy.forEach(l -> l.onRequest(c, r));
      }

      @Override
      public void onToken(ModelCallContext c, GeneratedToken t) {
        copy.forEach(l -> l.onToken(c, t));
      }

      @Override
      public void onResponse(ModelCallContext c, Object r) {
        copy.forEach(l -> l.onResponse(c, r));
      }

      @Override
      public void onError(ModelCallContext c, Throwable e) {
        copy.forEach(l -> l.onError(c, e));
      }
    };
  }

  /**
   * Wraps a listener so that its exceptions are caught and logged once (through {@link System.Logger}) instead of
   * reaching the engine (STYLE.md point 11).
   *
   * @param listener the listener
   * @return the guarded listener
   */
  static ModelListener safe(ModelListener listener) {
    if (listener == NoopListener.INSTANCE) {
      return listener;
    }
    AtomicBoolean logged = new AtomicBoolean();
    System.Logger log = System.getLogger(ModelListener.class.getName());
    return new ModelListener() {
      private void guard(Runnable r, String event) {
        try {
          r.run();
        } catch (RuntimeException | LinkageError e) {
          if (logged.compareAndSet(false, true)) {
            log.log(Level.WARNING, "listener " + listener.getClass().getName() + " failed in " + event
                + "; ignoring this and later failures of it", e);
          }
        }
      }

      @Override
      public void onRequest(ModelCallContext c, Object r) {
        guard(() -> listener.onRequest(c, r), "onRequest");
      }

      @Override
      public void onToken(ModelCallContext c, GeneratedToken t) {
        guard(() -> listener.onToken(c, t), "onToken");
      }

      @Override
      public void onResponse(ModelCallContext c, Object r) {
        guard(() -> listener.onResponse(c, r), "onResponse");
      }

      @Override
      public void onError(ModelCallContext c, Throwable e) {
        guard(() -> listener.onError(c, e), "onError");
      }

      @Override
      public String toString() {
        return "safe(" + listener + ")";
      }
    };
  }
}
