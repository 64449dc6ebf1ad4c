package io.llmops.runtime.cpu.tensor;

/**
 * The body of a {@link WorkerPool#parallelFor(int, IntRangeBody)} loop: processes the half-open index range
 * {@code [from, to)}.
 *
 * <p>Implementations are called concurrently from several threads, each time with a disjoint range, so they must only
 * write state that belongs to their range.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IntRangeBody {

  /**
   * Processes indices {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param from first index, {@code >= 0}
   * @param to one past the last index, {@code > from}
   */
  void run(int from, int to);
}
