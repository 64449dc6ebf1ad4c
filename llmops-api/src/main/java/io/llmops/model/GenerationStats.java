package io.llmops.model;

import java.util.Objects;

/**
 * What the engine measured while serving one call: the timings and resources that remote APIs cannot report. All
 * durations are in nanoseconds; a value the runtime did not measure is 0 (or empty for {@link #runtime()}).
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class GenerationStats {
  private static final GenerationStats EMPTY = builder().build();

  private final String runtime;
  private final int threads;
  private final long prefillNanos;
  private final long decodeNanos;
  private final long timeToFirstTokenNanos;
  private final long totalNanos;
  private final long cpuNanos;
  private final long kvCacheBytes;
  private final int batchSize;
  private final int prefixCacheHitTokens;

  private GenerationStats(Builder b) {
    runtime = b.runtime;
    threads = b.threads;
    prefillNanos = b.prefillNanos;
    decodeNanos = b.decodeNanos;
    timeToFirstTokenNanos = b.timeToFirstTokenNanos;
    totalNanos = b.totalNanos;
    cpuNanos = b.cpuNanos;
    kvCacheBytes = b.kvCacheBytes;
    batchSize = b.batchSize;
    prefixCacheHitTokens = b.prefixCacheHitTokens;
  }

  /**
   * Returns stats with nothing measured, for models that report none.
   *
   * @return the shared empty instance
   */
  public static GenerationStats empty() {
    return EMPTY;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the name of the runtime that served the call (e.g. {@code "cpu"}).
   *
   * @return the name, empty when unknown
   */
  public String runtime() {
    return runtime;
  }

  /**
   * Returns the number of worker threads used.
   *
   * @return the thread count, 0 when unknown
   */
  public int threads() {
    return threads;
  }

  /**
   * Returns the time spent evaluating the prompt.
   *
   * @return nanoseconds
   */
  public long prefillNanos() {
    return prefillNanos;
  }

  /**
   * Returns the time spent generating tokens after the first.
   *
   * @return nanoseconds
   */
  public long decodeNanos() {
    return decodeNanos;
  }

  /**
   * Returns the time from the call to the first generated token.
   *
   * @return nanoseconds
   */
  public long timeToFirstTokenNanos() {
    return timeToFirstTokenNanos;
  }

  /**
   * Returns the wall time of the whole call.
   *
   * @return nanoseconds
   */
  public long totalNanos() {
    return totalNanos;
  }

  /**
   * Returns the CPU time the engine's threads spent on this call (the basis of measured cost).
   *
   * @return nanoseconds of thread CPU time
   */
  public long cpuNanos() {
    return cpuNanos;
  }

  /**
   * Returns the bytes of KV cache this call's sequence occupied at its end.
   *
   * @return bytes
   */
  public long kvCacheBytes() {
    return kvCacheBytes;
  }

  /**
   * Returns the number of sequences batched with this one (1 when served alone).
   *
   * @return the batch size, 0 when unknown
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Returns how many prompt tokens were served from a prefix cache instead of being evaluated.
   *
   * @return tokens, 0 when there was no hit
   */
  public int prefixCacheHitTokens() {
    return prefixCacheHitTokens;
  }

  /**
   * Returns decode speed, tokens per second over {@link #decodeNanos()}.
   *
   * @param generatedTokens the number of generated tokens
   * @return tokens per second, 0 when not measurable
   */
  public double decodeTokensPerSecond(int generatedTokens) {
    return decodeNanos <= 0 || generatedTokens <= 1 ? 0 : (generatedTokens - 1) * 1e9 / decodeNanos;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GenerationStats)) {
      return false;
    }
    GenerationStats s = (GenerationStats) o;
    return runtime.equals(s.runtime) && threads == s.threads && prefillNanos == s.prefillNanos
        && decodeNanos == s.decodeNanos && timeToFirstTokenNanos == s.timeToFirstTokenNanos
        && totalNanos == s.totalNanos && cpuNanos == s.cpuNanos && kvCacheBytes == s.kvCacheBytes
        && batchSize == s.batchSize && prefixCacheHitTokens == s.prefixCacheHitTokens;
  }

  @Override
  public int hashCode() {
    return Objects.hash(runtime, threads, prefillNanos, decodeNanos, timeToFirstTokenNanos, totalNanos, cpuNanos,
        kvCacheBytes, batchSize, prefixCacheHitTokens);
  }

  @Override
  public String toString() {
    return "GenerationStats{runtime=" + runtime + ", threads=" + threads + ", prefillNanos=" + prefillNanos
        + ", decodeNanos=" + decodeNanos + ", ttftNanos=" + timeToFirstTokenNanos + ", totalNanos=" + totalNanos
        + ", cpuNanos=" + cpuNanos + ", kvCacheBytes=" + kvCacheBytes + ", batchSize=" + batchSize
        + ", prefixCacheHitTokens=" + prefixCacheHitTokens + '}';
  }

  /**
   * Builds {@link GenerationStats}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String runtime = "";
    private int threads;
    private long prefillNanos;
    private long decodeNanos;
    private long timeToFirstTokenNanos;
    private long totalNanos;
    private long cpuNanos;
    private long kvCacheBytes;
    private int batchSize;
    private int prefixCacheHitTokens;

    private Builder() {}

    /**
     * Sets the runtime name.
     *
     * @param runtime e.g. {@code "cpu"}
     * @return this builder
     */
    public Builder runtime(String runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /**
     * Sets the thread count.
     *
     * @param threads at least 0
     * @return this builder
     */
    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    /**
     * Sets the prefill time.
     *
     * @param nanos nanoseconds
     * @return this builder
     */
    public Builder prefillNanos(long nanos) {
      this.prefillNanos = nanos;
      return this;
    }

    /**
     * Sets the decode time.
     *
     * @param nanos nanoseconds
     * @return this builder
     */
    public Builder decodeNanos(long nanos) {
      this.decodeNanos = nanos;
      return this;
    }

    /**
     * Sets the time to first token.
     *
     * @param nanos nanoseconds
     * @return this builder
     */
    public Builder timeToFirstTokenNanos(long nanos) {
      this.timeToFirstTokenNanos = nanos;
      return this;
    }

    /**
     * Sets the total wall time.
     *
     * @param nanos nanoseconds
     * @return this builder
     */
    public Builder totalNanos(long nanos) {
      this.totalNanos = nanos;
      return this;
    }

    /**
     * Sets the CPU time.
     *
     * @param nanos nanoseconds of thread CPU time
     * @return this builder
     */
    public Builder cpuNanos(long nanos) {
      this.cpuNanos = nanos;
      return this;
    }

    /**
     * Sets the KV-cache bytes.
     *
     * @param bytes bytes
     * @return this builder
     */
    public Builder kvCacheBytes(long bytes) {
      this.kvCacheBytes = bytes;
      return this;
    }

    /**
     * Sets the batch size.
     *
     * @param batchSize sequences
     * @return this builder
     */
    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets the prefix-cache hit.
     *
     * @param tokens tokens reused
     * @return this builder
     */
    public Builder prefixCacheHitTokens(int tokens) {
      this.prefixCacheHitTokens = tokens;
      return this;
    }

    /**
     * Builds.
     *
     * @return the stats
     */
    public GenerationStats build() {
      return new GenerationStats(this);
    }
  }
}
