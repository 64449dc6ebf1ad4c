package io.llmops.telemetry;

/**
 * The live state of an inference engine, read by OpenTelemetry observable gauges at each collection (see {@link
 * GenAiTelemetry#registerEngineGauges}). A runtime with a multi-request scheduler implements it over its queue and
 * KV-cache allocator; until then a runtime that serves one request at a time can report 0 or 1.
 *
 * <p>Implementations must be thread-safe and fast: the methods are called on the metric reader's thread, concurrently
 * with inference, and must not block or allocate much. They should not throw; if one does, that gauge reports nothing
 * for that collection and the failure is logged once.
 *
 * @since 0.1.0
 */
public interface EngineGaugeSource {

  /**
   * Returns the number of requests accepted but not yet scheduled.
   *
   * @return at least 0
   */
  long queuedRequests();

  /**
   * Returns the number of sequences currently being prefilled or decoded.
   *
   * @return at least 0
   */
  long runningSequences();

  /**
   * Returns the bytes of KV cache currently held by live sequences.
   *
   * @return at least 0
   */
  long kvCacheUsedBytes();

  /**
   * Returns the bytes of KV cache the engine can hold in total.
   *
   * @return at least 0; 0 when the engine allocates on demand without a fixed capacity
   */
  long kvCacheCapacityBytes();
}
