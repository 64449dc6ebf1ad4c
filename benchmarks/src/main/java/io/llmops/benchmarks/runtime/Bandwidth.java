package io.llmops.benchmarks.runtime;

import io.llmops.runtime.cpu.tensor.WorkerPool;

/**
 * A STREAM-triad-like memory bandwidth probe ({@code a[i] = b[i] + s * c[i]} over three arrays far larger than the
 * caches), run on the runtime's own {@link WorkerPool} so that it sees the same threads and partitioning as the
 * kernels. Bandwidth counts 24 bytes per element (two reads, one write; write-allocate traffic not counted), as
 * STREAM does, so figures compare with {@code stream.c}'s "Triad" line.
 *
 * <p>Not thread-safe; holds {@code 3 x 8 x elements} bytes of heap.
 */
public final class Bandwidth {

  /** Default elements per array: 16 Mi doubles = 128 MiB each, 4x any current L3 slice. */
  public static final int DEFAULT_ELEMENTS = 16 << 20;

  private final double[] a;
  private final double[] b;
  private final double[] c;

  /**
   * Allocates and initialises the arrays.
   *
   * @param elements elements per array
   */
  public Bandwidth(int elements) {
    a = new double[elements];
    b = new double[elements];
    c = new double[elements];
    for (int i = 0; i < elements; i++) {
      b[i] = 1.0 + (i & 7);
      c[i] = 2.0 - (i & 3);
    }
  }

  /**
   * Runs one triad pass.
   *
   * @param pool the threads
   * @param scalar the multiplier
   */
  public void triad(WorkerPool pool, double scalar) {
    double[] x = a;
    double[] y = b;
    double[] z = c;
    // Grain of 8 doubles = one cache line: threads never share a line of a.
    pool.parallelFor(x.length, 8, (from, to) -> {
      for (int i = from; i < to; i++) {
        x[i] = y[i] + scalar * z[i];
      }
    });
  }

  /** Bytes a triad pass moves (STREAM convention). */
  public long bytesPerPass() {
    return 24L * a.length;
  }

  /** A value that depends on the results, so the JIT cannot drop the passes. */
  public double checksum() {
    return a[0] + a[a.length / 2] + a[a.length - 1];
  }

  /**
   * Measures the best bandwidth of {@code passes} triad passes after one warm-up pass.
   *
   * @param pool the threads
   * @param passes the number of timed passes, {@code >= 1}
   * @return bytes per second of the fastest pass (STREAM reports the best time too)
   */
  public double measure(WorkerPool pool, int passes) {
    triad(pool, 3.0);
    long best = Long.MAX_VALUE;
    for (int p = 0; p < passes; p++) {
      long t0 = System.nanoTime();
      triad(pool, 3.0);
      best = Math.min(best, System.nanoTime() - t0);
    }
    return bytesPerPass() * 1e9 / best;
  }
}
