package io.llmops.runtime.cpu.engine;

import io.llmops.runtime.cpu.model.LlamaModel;
import io.llmops.runtime.cpu.model.TensorOps.KvCache;
import java.util.ArrayDeque;

/**
 * The KV-cache budget of a model: at most {@code maxSequences} caches of {@code contextLength} positions in use at
 * once. A released cache is cleared and kept for the next sequence (its storage is reused, not reallocated).
 *
 * <p>Thread-safe (the engine thread acquires and releases; other threads may read the counts).
 *
 * @since 0.1.0
 */
public final class KvCachePool {
  private final LlamaModel model;
  private final int contextLength;
  private final int maxSequences;
  private final ArrayDeque<KvCache> free = new ArrayDeque<>();
  private int inUse;

  /**
   * Creates an empty pool; caches are allocated on first use.
   *
   * @param model the model whose caches these are
   * @param contextLength positions per sequence
   * @param maxSequences the budget
   */
  public KvCachePool(LlamaModel model, int contextLength, int maxSequences) {
    this.model = model;
    this.contextLength = contextLength;
    this.maxSequences = maxSequences;
  }

  /**
   * Takes a cache if the budget allows.
   *
   * @return an empty cache, or {@code null} when {@code maxSequences} are in use
   */
  public synchronized KvCache tryAcquire() {
    if (inUse >= maxSequences) {
      return null;
    }
    inUse++;
    KvCache c = free.poll();
    return c != null ? c : model.newKvCache(contextLength);
  }

  /**
   * Returns a cache to the pool.
   *
   * @param cache a cache from {@link #tryAcquire()}
   */
  public synchronized void release(KvCache cache) {
    cache.clear();
    free.push(cache);
    inUse--;
  }

  /**
   * Returns how many caches are held by sequences.
   *
   * @return the count
   */
  public synchronized int inUse() {
    return inUse;
  }

  /**
   * Returns the budget.
   *
   * @return the maximum number of sequences
   */
  public int maxSequences() {
    return maxSequences;
  }

  /**
   * Returns the positions per sequence.
   *
   * @return the context length
   */
  public int contextLength() {
    return contextLength;
  }

  /** Frees every pooled cache's storage. */
  public synchronized void freeAll() {
    free.forEach(KvCache::free);
    free.clear();
  }
}
