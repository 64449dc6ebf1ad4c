package io.llmops.runtime.cpu.engine;

import io.llmops.model.TokenScores;
import io.llmops.runtime.cpu.sampling.Logprobs;
import io.llmops.runtime.cpu.sampling.Sampler;
import java.util.concurrent.CompletableFuture;

/**
 * Evaluates a token sequence for its log-probabilities: per-position scores ({@link #scores}) or the full next-token
 * distribution after the last token ({@link #next}). No token is generated.
 */
final class ScoringSequence extends Sequence {
  private final boolean allPositions;
  private final CompletableFuture<Object> result = new CompletableFuture<>();
  private final double[] logprobs;
  private final boolean[] greedy;

  private ScoringSequence(int[] tokens, boolean allPositions) {
    super(tokens);
    this.allPositions = allPositions;
    this.logprobs = new double[allPositions ? tokens.length - 1 : 0];
    this.greedy = new boolean[logprobs.length];
  }

  static ScoringSequence scores(int[] tokens) {
    return new ScoringSequence(tokens, true);
  }

  static ScoringSequence next(int[] tokens) {
    return new ScoringSequence(tokens, false);
  }

  CompletableFuture<Object> result() {
    return result;
  }

  @Override
  boolean cancelRequested() {
    return result.isDone();
  }

  @Override
  boolean wantsLogits(int position, int end) {
    return allPositions ? position < length - 1 : position == length - 1;
  }

  @Override
  void onLogits(int position, float[] logits) {
    if (!allPositions) {
      finish();
      result.complete(Logprobs.logSoftmax(logits, new float[logits.length]));
      return;
    }
    int next = tokens[position + 1];
    logprobs[position] = logits[next] - Logprobs.logSumExp(logits);
    greedy[position] = Sampler.argmax(logits) == next;
    if (position == length - 2) {
      finish();
      result.complete(new TokenScores(logprobs, greedy));
    }
  }

  @Override
  void cancelled() {
    finish();
    result.cancel(false);
  }

  @Override
  void failed(Throwable error) {
    finish();
    result.completeExceptionally(error);
  }
}
