package io.llmops.runtime.cpu.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of threads that run data-parallel loops, the CPU runtime's only source of parallelism.
 *
 * <p>Design: the threads are created once and wait for a job by spinning briefly, then parking. {@link #parallelFor}
 * publishes the job through one volatile write, runs chunks itself, and waits for the workers to finish. Chunks are
 * claimed dynamically from an atomic counter (about four per thread, so a slow core does not stall the loop); their
 * bounds are multiples of a grain so that threads writing neighbouring outputs do not share cache lines. Steady-state
 * calls allocate nothing in the pool; decoding one token calls it a few hundred times, so waking threads must be
 * cheap.
 *
 * <p>Thread-safety: thread-safe. Calls from different threads are serialised (one loop runs at a time); a call made
 * from inside a loop body (a nested loop) runs inline on the calling thread.
 *
 * @since 0.1.0
 */
public final class WorkerPool implements AutoCloseable {

  /** Spin iterations before a waiting thread parks; covers the short gaps between the loops of a forward pass. */
  private static final int SPINS = 1 << 13;

  private static final int CHUNKS_PER_THREAD = 4;

  private final int threads;
  private final Worker[] workers;
  private final ReentrantLock callLock = new ReentrantLock();

  // The current job: written by the caller before the volatile write of 'generation', read by workers after it.
  private IntRangeBody body;
  private int count;
  private int chunkSize;
  private int chunkCount;
  private Thread caller;

  private final AtomicInteger nextChunk = new AtomicInteger();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile long generation;
  private volatile boolean closed;

  /** Creates a pool with one thread per available processor. */
  public WorkerPool() {
    this(Runtime.getRuntime().availableProcessors());
  }

  /**
   * Creates a pool that runs loops on {@code threads} threads, the caller included ({@code threads - 1} daemon
   * threads named {@code llmops-cpu-worker-i} are started).
   *
   * @param threads the parallelism, {@code >= 1}; 1 runs every loop inline
   * @throws IllegalArgumentException if {@code threads < 1}
   */
  public WorkerPool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.workers = new Worker[threads - 1];
    for (int i = 0; i < workers.length; i++) {
      workers[i] = new Worker(i);
      workers[i].start();
    }
  }

  /**
   * Returns the parallelism of this pool, the calling thread included.
   *
   * @return the number of threads, {@code >= 1}
   */
  public int threads() {
    return threads;
  }

  /**
   * Runs {@code body} over {@code [0, count)} split into contiguous chunks, in parallel, and returns when all chunks
   * are done. Same as {@link #parallelFor(int, int, IntRangeBody) parallelFor(count, 1, body)}.
   *
   * @param count the number of indices, {@code >= 0}
   * @param body the loop body, not null
   * @throws IllegalArgumentException if {@code count < 0}
   * @throws IllegalStateException if the pool is closed
   * @throws RuntimeException the first exception (or {@link Error}) thrown by the body, after all threads stopped
   */
  public void parallelFor(int count, IntRangeBody body) {
    parallelFor(count, 1, body);
  }

  /**
   * Runs {@code body} over {@code [0, count)} split into contiguous chunks whose bounds are multiples of
   * {@code grain} (except the last), in parallel, and returns when all chunks are done. Use a grain of 16 when the
   * body writes one float per index, so that no two threads write the same 64-byte cache line.
   *
   * @param count the number of indices, {@code >= 0}
   * @param grain the chunk granularity, {@code >= 1}
   * @param body the loop body, not null
   * @throws IllegalArgumentException if {@code count < 0} or {@code grain < 1}
   * @throws IllegalStateException if the pool is closed
   * @throws RuntimeException the first exception (or {@link Error}) thrown by the body, after all threads stopped
   */
  public void parallelFor(int count, int grain, IntRangeBody body) {
    if (count < 0 || grain < 1) {
      throw new IllegalArgumentException("count must be >= 0 and grain >= 1, got " + count + ", " + grain);
    }
    if (body == null) {
      throw new NullPointerException("body");
    }
    if (closed) {
      throw new IllegalStateException("worker pool is closed");
    }
    if (count == 0) {
      return;
    }
    if (threads == 1 || count <= grain || callLock.isHeldByCurrentThread() || isOwnWorker()) {
      body.run(0, count);
      return;
    }
    callLock.lock();
    try {
      runJob(count, grain, body);
    } finally {
      callLock.unlock();
    }
  }

  private void runJob(int count, int grain, IntRangeBody body) {
    int perChunk = ceilDiv(count, threads * CHUNKS_PER_THREAD);
    int size = ceilDiv(perChunk, grain) * grain;
    this.body = body;
    this.count = count;
    this.chunkSize = size;
    this.chunkCount = ceilDiv(count, size);
    this.caller = Thread.currentThread();
    nextChunk.set(0);
    running.set(workers.length);
    generation++; // publishes the job
    for (Worker w : workers) {
      LockSupport.unpark(w);
    }
    runChunks();
    int spins = 0;
    while (running.get() != 0) {
      if (spins < SPINS) {
        spins++;
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
    this.body = null; // do not keep the caller's objects reachable
    Throwable t = failure.getAndSet(null);
    if (t != null) {
      throw sneaky(t);
    }
  }

  /** Claims and runs chunks of the current job until none is left or one failed. */
  private void runChunks() {
    int c;
    while (failure.get() == null && (c = nextChunk.getAndIncrement()) < chunkCount) {
      int from = c * chunkSize;
      int to = Math.min(count, from + chunkSize);
      try {
        body.run(from, to);
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    }
  }

  private boolean isOwnWorker() {
    Thread t = Thread.currentThread();
    return t instanceof Worker && ((Worker) t).pool() == this;
  }

  /**
   * Stops the worker threads. Idempotent; later {@link #parallelFor} calls throw {@link IllegalStateException}.
   * Waits up to a second for each thread to end (a thread still inside a body is left to finish it).
   */
  @Override
  public void close() {
    closed = true;
    for (Worker w : workers) {
      LockSupport.unpark(w);
    }
    for (Worker w : workers) {
      try {
        w.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Returns whether every worker thread has ended (for tests). */
  boolean terminated() {
    for (Worker w : workers) {
      if (w.isAlive()) {
        return false;
      }
    }
    return true;
  }

  private static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  private static RuntimeException sneaky(Throwable t) {
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    if (t instanceof Error) {
      throw (Error) t;
    }
    return new IllegalStateException("parallel loop body failed", t); // unreachable: bodies throw no checked ones
  }

  @Override
  public String toString() {
    return "WorkerPool[threads=" + threads + (closed ? ", closed" : "") + "]";
  }

  private final class Worker extends Thread {

    Worker(int index) {
      super("llmops-cpu-worker-" + index);
      setDaemon(true);
    }

    WorkerPool pool() {
      return WorkerPool.this;
    }

    @Override
    public void run() {
      long seen = 0;
      while (true) {
        int spins = 0;
        long g;
        while ((g = generation) == seen) {
          if (closed) {
            return; // only when idle: a job published before close() still gets served, or its caller would hang
          }
          if (spins < SPINS) {
            spins++;
            Thread.onSpinWait();
          } else {
            LockSupport.park(this);
          }
        }
        seen = g;
        Thread waiting = caller; // read before signalling: afterwards the next job may replace it
        runChunks();
        if (running.decrementAndGet() == 0) {
          LockSupport.unpark(waiting);
        }
      }
    }
  }
}
