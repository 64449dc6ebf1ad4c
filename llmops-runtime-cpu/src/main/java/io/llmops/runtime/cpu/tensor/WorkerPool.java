package io.llmops.runtime.cpu.tensor;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of threads that run data-parallel loops, the CPU runtime's only source of parallelism.
 *
 * <p>Design: the threads are created once and wait for a job by spinning briefly, then parking. {@link #parallelFor}
 * publishes the job through one volatile write, runs chunks itself, and waits only for the chunks other threads
 * claimed. Chunks are claimed dynamically (about four per thread, so a slow core does not stall the loop) by a CAS
 * on one word holding the job number and the next chunk, so a worker that wakes late cannot claim a chunk of a job
 * that is over; their bounds are multiples of a grain so that threads writing neighbouring outputs do not share cache
 * lines. Because the caller never waits for a worker that has not started, a worker descheduled by an oversubscribed
 * machine costs nothing: the caller runs its chunks (the previous design waited for every worker to check in, which
 * made 2 threads slower than 1 under load). Steady-state calls allocate nothing in the pool (the job parameters live
 * in two preallocated slots, used alternately); decoding one token calls it a few hundred times, so waking threads
 * must be cheap.
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

  /**
   * The parameters of jobs {@code j}, in slot {@code j & 1}. A slot is rewritten only for job {@code j + 2}, which
   * starts after job {@code j + 1} completed, hence after every claimed chunk of job {@code j} completed; a thread
   * reads a slot only after claiming one of its chunks, so it always sees its own job's parameters.
   */
  private final Job[] slots = {new Job(), new Job()};

  /** Job number (high 32 bits) and next chunk to claim (low 32 bits); chunks are claimed by CAS. */
  private final AtomicLong state = new AtomicLong();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean closed;

  private static final class Job {
    IntRangeBody body;
    int count;
    int chunkSize;
    int chunkCount;
    Thread caller;
    final AtomicInteger done = new AtomicInteger();
  }

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
    int job = (int) (state.get() >>> 32) + 1;
    Job j = slots[job & 1];
    j.body = body;
    j.count = count;
    j.chunkSize = size;
    j.chunkCount = ceilDiv(count, size);
    j.caller = Thread.currentThread();
    j.done.set(0);
    state.set((long) job << 32); // publishes the job (volatile write after the slot's plain writes)
    for (Worker w : workers) {
      LockSupport.unpark(w);
    }
    runChunks(job);
    int spins = 0;
    while (j.done.get() != j.chunkCount) {
      if (spins < SPINS) {
        spins++;
        Thread.onSpinWait();
      } else {
        LockSupport.park(this);
      }
    }
    j.body = null; // do not keep the caller's objects reachable
    Throwable t = failure.getAndSet(null);
    if (t != null) {
      throw sneaky(t);
    }
  }

  /** Claims and runs chunks of job {@code job} until none is left (or the job is over). */
  private void runChunks(int job) {
    while (true) {
      long s = state.get();
      if ((int) (s >>> 32) != job) {
        return;
      }
      int c = (int) s;
      Job j = slots[job & 1];
      // chunkCount is read before the claim: if the slot was reused, the job number differs and the CAS fails.
      if (c >= j.chunkCount || !state.compareAndSet(s, s + 1)) {
        if (c >= j.chunkCount) {
          return;
        }
        continue;
      }
      if (failure.get() == null) {
        int from = c * j.chunkSize;
        int to = Math.min(j.count, from + j.chunkSize);
        try {
          j.body.run(from, to);
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }
      Thread caller = j.caller; // read before signalling: afterwards the slot may be reused
      int chunks = j.chunkCount;
      if (j.done.incrementAndGet() == chunks && caller != Thread.currentThread()) {
        LockSupport.unpark(caller);
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
      int seen = 0;
      while (true) {
        int spins = 0;
        int job;
        while ((job = (int) (state.get() >>> 32)) == seen) {
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
        seen = job;
        runChunks(job);
      }
    }
  }
}
