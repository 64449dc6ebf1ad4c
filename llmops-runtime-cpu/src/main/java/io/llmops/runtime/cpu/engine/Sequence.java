package io.llmops.runtime.cpu.engine;

import io.llmops.runtime.cpu.model.TensorOps.KvCache;
import java.util.Arrays;

/**
 * One request as the scheduler sees it: a token history, how much of it is already in the KV cache, and what to do
 * with the logits it asks for. Subclasses generate ({@link GenerationSequence}) or score ({@link ScoringSequence}).
 *
 * <p>Confined to the engine thread once submitted, except {@link #cancelRequested()}.
 */
abstract class Sequence {
  int[] tokens;
  int length;
  /** How many tokens of the history are in the KV cache. */
  int evaluated;
  KvCache cache;
  /** The largest number of sequences in one step with this one. */
  int maxBatch;
  long cpuNanos;
  boolean finished;
  /** Returns the KV cache to the pool; set by the engine when the sequence starts. */
  Runnable releaser = () -> {};

  Sequence(int[] prompt) {
    this.tokens = Arrays.copyOf(prompt, Math.max(16, prompt.length + 16));
    this.length = prompt.length;
  }

  void append(int token) {
    if (length == tokens.length) {
      tokens = Arrays.copyOf(tokens, tokens.length * 2);
    }
    tokens[length++] = token;
  }

  /** Marks the sequence finished and frees its KV cache before its caller is told (so the budget is reusable). */
  void finish() {
    finished = true;
    releaser.run();
  }

  /** Whether the caller asked to stop; read from the engine thread. */
  abstract boolean cancelRequested();

  /** Whether the logits after history position {@code position} are needed, given the chunk ends at {@code end}. */
  abstract boolean wantsLogits(int position, int end);

  /** Receives the logits after history position {@code position}. May call {@link #append} or finish. */
  abstract void onLogits(int position, float[] logits);

  /** Ends the sequence because it was cancelled. */
  abstract void cancelled();

  /** Ends the sequence with a failure. */
  abstract void failed(Throwable error);

  /** Called when the engine starts evaluating this sequence (after it got a KV cache). */
  void started() {}

  /**
   * Called after each step that included this sequence, once {@link #evaluated} and {@link #cpuNanos} count that
   * step: a sequence that decided to end during {@link #onLogits} completes here, so its stats include its last step.
   */
  void afterStep() {}
}
