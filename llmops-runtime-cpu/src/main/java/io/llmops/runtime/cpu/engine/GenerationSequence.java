package io.llmops.runtime.cpu.engine;

import io.llmops.model.CompletableStreamHandle;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.GeneratedToken;
import io.llmops.model.GenerationStats;
import io.llmops.model.SamplingParameters;
import io.llmops.model.StreamHandler;
import io.llmops.model.TokenLogprob;
import io.llmops.model.TokenUsage;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.ModelListener;
import io.llmops.runtime.cpu.sampling.Logprobs;
import io.llmops.runtime.cpu.sampling.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * A generation: samples a token from each logits row it gets, turns it into text (UTF-8-safe, stop sequences held
 * back and excluded), streams it to the handler and the listener, and finishes on end-of-generation, a stop sequence,
 * {@code maxTokens}, the end of the context, cancellation or a failure.
 *
 * @param <R> the response type handed to the caller
 */
final class GenerationSequence<R> extends Sequence {
  private static final System.Logger LOG = System.getLogger(GenerationSequence.class.getName());

  private final GenerationSetup<R> setup;
  private final SamplingParameters params;
  private final Sampler sampler;
  private final StopMatcher stop;
  private final int promptLength;
  private final List<GeneratedToken> generated = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private long evalStart;
  private long firstTokenAt;
  private long lastTokenAt;
  private long prefillNanos;


  GenerationSequence(int[] prompt, SamplingParameters params, long seed, GenerationSetup<R> setup) {
    super(prompt);
    this.setup = setup;
    this.params = params;
    this.sampler = Sampler.create(params, seed);
    this.stop = new StopMatcher(params.stopSequences());
    this.promptLength = prompt.length;
  }

  @Override
  boolean cancelRequested() {
    return setup.handle().isCancelled();
  }

  @Override
  void started() {
    evalStart = System.nanoTime();
  }

  /** Set when the last sampled token ends the generation; see {@link #afterStep()}. */
  private FinishReason pendingFinish;

  @Override
  boolean wantsLogits(int position, int end) {
    return position == length - 1;
  }

  @Override
  void onLogits(int position, float[] logits) {
    long now = System.nanoTime();
    if (generated.isEmpty()) {
      prefillNanos = now - evalStart;
    }
    int id = sampler.sample(logits, tokens, length);
    double logprob = Double.NaN;
    List<TokenLogprob> top = List.of();
    if (params.logprobs()) {
      double lse = Logprobs.logSumExp(logits);
      logprob = logits[id] - lse;
      top = Logprobs.top(logits, lse, params.topLogprobs(), setup.tokenText());
    }
    boolean endOfGeneration = setup.endOfGeneration().test(id);
    String out = stop.accept(endOfGeneration ? "" : setup.decoder().accept(id));
    FinishReason finish = null;
    if (stop.stopped()) {
      finish = FinishReason.STOP;
    } else if (endOfGeneration) {
      finish = FinishReason.STOP;
    } else if (generated.size() + 1 >= params.maxTokens() || length + 1 > setup.contextLength()) {
      // maxTokens reached, or the token just sampled has no position left in the context to be evaluated at.
      finish = FinishReason.LENGTH;
    }
    if (finish != null && !stop.stopped()) {
      out += stop.accept(setup.decoder().flush());
      out += stop.stopped() ? "" : stop.flush();
    }
    GeneratedToken token = new GeneratedToken(id, out, logprob, top);
    generated.add(token);
    text.append(out);
    append(id);
    firstTokenAt = firstTokenAt == 0 ? now : firstTokenAt;
    lastTokenAt = now;
    setup.handler().onToken(token);
    setup.listener().onToken(setup.context(), token);
    if (finish != null) {
      // Completed in afterStep(), when the engine has counted this step's KV positions and CPU time.
      pendingFinish = finish;
    }
  }

  @Override
  void afterStep() {
    if (pendingFinish != null && !finished) {
      complete(pendingFinish);
    }
  }

  @Override
  void cancelled() {
    complete(FinishReason.CANCELLED);
  }

  private void complete(FinishReason reason) {
    finish();
    long end = System.nanoTime();
    long start = setup.context().startNanos();
    GenerationStats stats = GenerationStats.builder().runtime(setup.context().model().runtime())
        .threads(setup.threads())
        .prefillNanos(prefillNanos).decodeNanos(lastTokenAt == 0 ? 0 : lastTokenAt - firstTokenAt)
        .timeToFirstTokenNanos(firstTokenAt == 0 ? 0 : firstTokenAt - start).totalNanos(end - start)
        .cpuNanos(cpuNanos).kvCacheBytes(evaluated * setup.kvBytesPerPosition()).batchSize(Math.max(1, maxBatch))
        .build();
    CompletionResponse response = CompletionResponse.builder().id(setup.context().callId()).model(setup.modelName())
        .text(text.toString()).finishReason(reason).usage(new TokenUsage(promptLength, generated.size()))
        .tokens(generated).stats(stats).build();
    R r = setup.wrap().apply(response);
    try {
      setup.handler().onComplete(r);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "stream handler failed in onComplete; the response stands", e);
    }
    setup.listener().onResponse(setup.context(), r);
    setup.handle().complete(r);
  }

  @Override
  void failed(Throwable error) {
    finish();
    try {
      setup.handler().onError(error);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "stream handler failed in onError", e);
    }
    setup.listener().onError(setup.context(), error);
    setup.handle().fail(error);
  }
}
