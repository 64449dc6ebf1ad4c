package io.llmops.runtime.cpu.model;

import java.util.Arrays;

/**
 * The tokens of one forward pass: each with its sequence's KV cache, its position in that sequence, and whether its
 * logits are wanted. Tokens of several sequences may be mixed (continuous batching); tokens of one sequence must come
 * in position order.
 *
 * <p>Mutable and reusable ({@link #clear()}); not thread-safe.
 *
 * @since 0.1.0
 */
public final class Batch {
  private int[] tokens = new int[16];
  private int[] positions = new int[16];
  private TensorOps.KvCache[] caches = new TensorOps.KvCache[16];
  private boolean[] logits = new boolean[16];
  private int size;

  /** Creates an empty batch. */
  public Batch() {}

  /**
   * Appends a token.
   *
   * @param token the token id
   * @param position its position in the sequence
   * @param cache the sequence's KV cache
   * @param wantLogits whether the next-token logits after it are needed
   * @return this batch
   */
  public Batch add(int token, int position, TensorOps.KvCache cache, boolean wantLogits) {
    if (size == tokens.length) {
      int n = size * 2;
      tokens = Arrays.copyOf(tokens, n);
      positions = Arrays.copyOf(positions, n);
      caches = Arrays.copyOf(caches, n);
      logits = Arrays.copyOf(logits, n);
    }
    tokens[size] = token;
    positions[size] = position;
    caches[size] = cache;
    logits[size] = wantLogits;
    size++;
    return this;
  }

  /** Removes every token. */
  public void clear() {
    Arrays.fill(caches, 0, size, null);
    size = 0;
  }

  /**
   * Returns the number of tokens.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  int token(int i) {
    return tokens[i];
  }

  int position(int i) {
    return positions[i];
  }

  TensorOps.KvCache cache(int i) {
    return caches[i];
  }

  boolean wantsLogits(int i) {
    return logits[i];
  }
}
