package io.llmops.runtime.cpu.engine;

import io.llmops.GenerationCancelledException;
import io.llmops.LlmOpsException;
import io.llmops.ResourceExhaustedException;
import io.llmops.runtime.cpu.model.Batch;
import io.llmops.model.SamplingParameters;
import io.llmops.model.TokenScores;
import io.llmops.runtime.cpu.model.LlamaModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler of one loaded model: a single engine thread that owns the model, its KV caches and its worker pool,
 * and serves every request from a queue.
 *
 * <h2>Threading model</h2>
 *
 * <ul>
 *   <li>Callers (any thread) tokenize, validate and {@link #submit} a {@link Sequence}; they never touch the model.
 *       Submission only enqueues: requests wait in FIFO order. Only when more than {@value #MAX_PENDING} requests
 *       are already waiting does {@link #submit} throw {@link ResourceExhaustedException}, before any inference.
 *   <li>The engine thread loops: it admits waiting sequences while the KV budget ({@code maxSequences} caches of
 *       {@code contextLength} positions) has room, then runs one <em>step</em>: a single {@link LlamaModel#forward}
 *       over a batch holding, for every active sequence, either its next prompt chunk (up to {@value #PREFILL_CHUNK}
 *       tokens) or its last sampled token. Logits go back to each sequence, which samples, streams and decides
 *       whether it is finished. This is continuous batching: new requests join at the next step and finished ones
 *       leave, without waiting for each other. Heavy ops inside a step fan out to the backend's worker pool; no
 *       thread is ever created per request or per token.
 *   <li>Cancellation sets a flag that the engine reads before every step (so a generation stops within one token)
 *       and frees the sequence's KV cache; a request still waiting in the queue is removed and completed at once.
 *   <li>{@link #close()} stops the loop, completes every active and waiting request as cancelled, and closes the
 *       model (its worker threads).
 * </ul>
 *
 * <p>Thread-safe: {@link #submit}, {@link #cancelWaiting} and {@link #close} may be called from any thread.
 *
 * @since 0.1.0
 */
public final class Engine implements AutoCloseable {
  /** Most requests allowed to wait for a KV cache before {@link #submit} refuses more. */
  static final int MAX_PENDING = 1024;
  /** Most prompt tokens of one sequence evaluated per step, so a long prompt does not stall others' decoding. */
  static final int PREFILL_CHUNK = 256;

  private static final System.Logger LOG = System.getLogger(Engine.class.getName());

  private final LlamaModel model;
  private final KvCachePool caches;
  private final LinkedBlockingQueue<Sequence> queue = new LinkedBlockingQueue<>(MAX_PENDING);
  private final List<Sequence> active = new ArrayList<>();
  private final Batch batch = new Batch();
  private final Thread thread;
  private Sequence[] rowOwner = new Sequence[64];
  private int[] rowPosition = new int[64];
  private volatile boolean closed;

  /**
   * Creates the engine and starts its thread.
   *
   * @param model the model, owned by the engine from now on (closed by {@link #close()})
   * @param contextLength positions per sequence
   * @param maxSequences the KV budget: sequences evaluated at once
   * @param name a name for the engine thread
   */
  public Engine(LlamaModel model, int contextLength, int maxSequences, String name) {
    this.model = model;
    this.caches = new KvCachePool(model, contextLength, maxSequences);
    this.thread = new Thread(this::loop, "llmops-cpu-engine-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Returns the KV budget.
   *
   * @return the pool
   */
  public KvCachePool caches() {
    return caches;
  }

  /**
   * Returns the model.
   *
   * @return the model (only the engine thread may run it)
   */
  public LlamaModel model() {
    return model;
  }

  /**
   * Queues a generation; it streams through {@code setup}'s handler and completes its handle.
   *
   * @param prompt the prompt tokens, non-empty, within the context and the vocabulary
   * @param params the sampling parameters
   * @param seed the sampler's seed
   * @param setup where the output goes
   * @param <R> the response type
   * @throws ResourceExhaustedException if too many requests are waiting
   * @throws IllegalStateException if the engine is closed
   */
  public <R> void generate(int[] prompt, SamplingParameters params, long seed, GenerationSetup<R> setup) {
    GenerationSequence<R> s = new GenerationSequence<>(prompt, params, seed, setup);
    submit(s);
    setup.handle().onCancel(() -> {
      if (cancelWaiting(s)) {
        s.cancelled();
      }
    });
  }

  /**
   * Scores every position of a sequence; blocks until done.
   *
   * @param tokens at least 2 tokens, within the context and the vocabulary
   * @return the scores of tokens 1..n-1
   */
  public TokenScores score(int[] tokens) {
    return (TokenScores) await(ScoringSequence.scores(tokens));
  }

  /**
   * Returns the next-token log-probabilities after a sequence; blocks until done.
   *
   * @param tokens at least 1 token, within the context and the vocabulary
   * @return one log-probability per vocabulary entry
   */
  public float[] nextTokenLogprobs(int[] tokens) {
    return (float[]) await(ScoringSequence.next(tokens));
  }

  private Object await(ScoringSequence s) {
    submit(s);
    try {
      return s.result().get();
    } catch (InterruptedException e) {
      if (cancelWaiting(s)) {
        s.cancelled();
      }
      s.result().cancel(false);
      Thread.currentThread().interrupt();
      throw new GenerationCancelledException("interrupted while scoring; the request was cancelled");
    } catch (CancellationException e) {
      throw new GenerationCancelledException("the model was closed before the request was served");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof LlmOpsException) {
        throw (LlmOpsException) c;
      }
      throw new LlmOpsException("scoring failed: " + c, c);
    }
  }

  /**
   * Queues a sequence.
   *
   * @param s the sequence
   * @throws ResourceExhaustedException if {@value #MAX_PENDING} requests are already waiting
   * @throws IllegalStateException if the engine is closed
   */
  void submit(Sequence s) {
    if (closed) {
      throw new IllegalStateException("the model is closed");
    }
    if (!queue.offer(s)) {
      throw new ResourceExhaustedException("engine queue full: " + MAX_PENDING + " requests are waiting for one of "
          + caches.maxSequences() + " KV caches; retry later or load the model with more maxSequences");
    }
    if (closed && queue.remove(s)) {
      s.cancelled();
    }
  }

  /**
   * Removes a waiting sequence from the queue.
   *
   * @param s the sequence
   * @return {@code true} if it was waiting (it never started and the caller completes it)
   */
  boolean cancelWaiting(Sequence s) {
    return queue.remove(s);
  }

  private void loop() {
    try {
      while (!closed) {
        admit();
        if (active.isEmpty()) {
          Sequence s = queue.poll(100, TimeUnit.MILLISECONDS);
          if (s != null) {
            start(s);
          }
          continue;
        }
        step();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.log(System.Logger.Level.ERROR, "engine thread failed; failing its requests", e);
      active.forEach(s -> finishWith(s, e));
      active.clear();
    } finally {
      for (Sequence s : active) {
        release(s);
        s.cancelled();
      }
      active.clear();
      for (Sequence s; (s = queue.poll()) != null; ) {
        s.cancelled();
      }
      caches.freeAll();
      model.close();
    }
  }

  private void admit() {
    while (!queue.isEmpty() && caches.inUse() < caches.maxSequences()) {
      Sequence s = queue.poll();
      if (s != null) {
        start(s);
      }
    }
  }

  private void start(Sequence s) {
    if (s.cancelRequested()) {
      s.cancelled();
      return;
    }
    s.cache = caches.tryAcquire();
    s.releaser = () -> release(s);
    active.add(s);
    try {
      s.started();
    } catch (RuntimeException e) {
      finishWith(s, e);
    }
  }

  private void step() {
    for (Sequence s : active) {
      if (!s.finished && s.cancelRequested()) {
        release(s);
        s.finished = true;
        s.cancelled();
      }
    }
    active.removeIf(s -> s.finished);
    if (active.isEmpty()) {
      return;
    }
    batch.clear();
    int rows = 0;
    int[] ends = new int[active.size()];
    for (int i = 0; i < active.size(); i++) {
      Sequence s = active.get(i);
      int end = Math.min(s.length, s.evaluated + PREFILL_CHUNK);
      ends[i] = end;
      for (int p = s.evaluated; p < end; p++) {
        if (rows == rowOwner.length) {
          rowOwner = Arrays.copyOf(rowOwner, rows * 2);
          rowPosition = Arrays.copyOf(rowPosition, rows * 2);
        }
        batch.add(s.tokens[p], p, s.cache, s.wantsLogits(p, end));
        rowOwner[rows] = s;
        rowPosition[rows++] = p;
      }
      s.maxBatch = Math.max(s.maxBatch, active.size());
    }
    long cpuBefore = model.ops().cpuTimeNanos();
    try {
      model.forward(batch, (row, logits) -> {
        Sequence s = rowOwner[row];
        if (s.finished) {
          return;
        }
        try {
          s.onLogits(rowPosition[row], logits);
        } catch (RuntimeException | Error e) {
          finishWith(s, e);
        }
      });
    } catch (RuntimeException e) {
      LlmOpsException failure = new LlmOpsException("forward pass failed: " + e.getMessage(), e);
      active.forEach(s -> finishWith(s, failure));
    }
    long cpu = model.ops().cpuTimeNanos() - cpuBefore;
    for (int i = 0; i < active.size(); i++) {
      Sequence s = active.get(i);
      s.cpuNanos += rows == 0 ? 0 : cpu * (ends[i] - s.evaluated) / rows;
      s.evaluated = ends[i];
    }
    for (int i = 0; i < active.size(); i++) {
      Sequence s = active.get(i);
      if (!s.finished) {
        try {
          s.afterStep();
        } catch (RuntimeException | Error e) {
          finishWith(s, e);
        }
      }
    }
    Arrays.fill(rowOwner, 0, rows, null);
    active.removeIf(s -> s.finished);
  }

  private void finishWith(Sequence s, Throwable e) {
    if (!s.finished) {
      release(s);
      s.finished = true;
      s.failed(e);
    }
  }

  private void release(Sequence s) {
    if (s.cache != null) {
      caches.release(s.cache);
      s.cache = null;
    }
  }

  /**
   * Stops the engine thread, completes every request as cancelled and closes the model. Idempotent; waits for the
   * thread to end (unless called from it).
   */
  @Override
  public void close() {
    closed = true;
    if (Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
