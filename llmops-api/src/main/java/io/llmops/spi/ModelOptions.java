package io.llmops.spi;

import static io.llmops.InvalidRequestException.check;

import io.llmops.observation.ModelListener;
import java.util.Objects;

/**
 * How to load a model: worker threads, context length, KV-cache budget and the listener that observes calls.
 * Immutable and thread-safe; build with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class ModelOptions {
  private static final ModelOptions DEFAULTS = builder().build();

  private final int threads;
  private final int contextLength;
  private final int maxSequences;
  private final ModelListener listener;

  private ModelOptions(Builder b) {
    threads = b.threads;
    contextLength = b.contextLength;
    maxSequences = b.maxSequences;
    listener = b.listener;
  }

  /**
   * Returns the defaults: all available processors, the model's trained context capped at 4096, 4 sequences, no
   * listener.
   *
   * @return the shared defaults
   */
  public static ModelOptions defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return builder().threads(threads).contextLength(contextLength).maxSequences(maxSequences).listener(listener);
  }

  /**
   * Returns the number of worker threads.
   *
   * @return at least 1
   */
  public int threads() {
    return threads;
  }

  /**
   * Returns the requested context length per sequence.
   *
   * @return tokens, or 0 for "the model's trained context, capped at 4096"
   */
  public int contextLength() {
    return contextLength;
  }

  /**
   * Returns how many sequences may hold a KV cache at once (the KV budget is {@code maxSequences x contextLength}).
   *
   * @return at least 1
   */
  public int maxSequences() {
    return maxSequences;
  }

  /**
   * Returns the listener that observes every call of the model.
   *
   * @return the listener, {@link ModelListener#noop()} by default
   */
  public ModelListener listener() {
    return listener;
  }

  @Override
  public String toString() {
    return "ModelOptions{threads=" + threads + ", contextLength=" + contextLength + ", maxSequences=" + maxSequences
        + '}';
  }

  /**
   * Builds {@link ModelOptions}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private int threads = Runtime.getRuntime().availableProcessors();
    private int contextLength;
    private int maxSequences = 4;
    private ModelListener listener = ModelListener.noop();

    private Builder() {}

    /**
     * Sets the worker threads.
     *
     * @param threads at least 1
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Sets the context length.
     *
     * @param contextLength tokens, 0 for the default
     * @return this builder
     */
    public Builder contextLength(int contextLength) {
      this.contextLength = contextLength;
      return this;
    }

    /**
     * Sets the number of concurrent sequences.
     *
     * @param maxSequences at least 1
     * @return this builder
     */
    public Builder maxSequences(int maxSequences) {
      this.maxSequences = maxSequences;
      return this;
    }

    /**
     * Sets the listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(ModelListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the options
     * @throws io.llmops.InvalidRequestException naming the first bad value
     */
    public ModelOptions build() {
      check(threads >= 1 && threads <= 4096, "threads must be in [1, 4096]: " + threads);
      check(contextLength >= 0, "contextLength must be >= 0: " + contextLength);
      check(maxSequences >= 1 && maxSequences <= 4096, "maxSequences must be in [1, 4096]: " + maxSequences);
      return new ModelOptions(this);
    }
  }
}
