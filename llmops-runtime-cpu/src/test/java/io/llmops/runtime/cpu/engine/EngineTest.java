package io.llmops.runtime.cpu.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.model.CompletableStreamHandle;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.GeneratedToken;
import io.llmops.model.ModelInfo;
import io.llmops.model.SamplingParameters;
import io.llmops.model.StreamHandler;
import io.llmops.model.TokenScores;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.ModelListener;
import io.llmops.observation.Operation;
import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.model.CpuTensorOps;
import io.llmops.runtime.cpu.model.LlamaLoader;
import io.llmops.testing.TestFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine over stories260K, with token ids as text ("[id]") so that it is independent of the tokenizer. */
class EngineTest {
  private static final int[] PROMPT = {1, 403, 407, 261, 378};
  private static final int[] GREEDY = {432, 383, 286, 261, 376, 298, 315, 421};
  private Engine engine;

  private Engine engine(int context, int maxSequences) {
    try (GgufFile gguf = GgufFile.open(TestFiles.model("stories260K.gguf"))) {
      engine = new Engine(LlamaLoader.load(gguf, CpuTensorOps.create(2)), context, maxSequences, "test");
      return engine;
    }
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private CompletableStreamHandle<CompletionResponse> generate(SamplingParameters p, StreamHandler<CompletionResponse> h,
      int[] prompt) {
    CompletableStreamHandle<CompletionResponse> handle = new CompletableStreamHandle<>();
    TextDecoder ids = new TextDecoder() {
      @Override
      public String accept(int token) {
        return "[" + token + "]";
      }

      @Override
      public String flush() {
        return "";
      }
    };
    ModelCallContext ctx = new ModelCallContext("id", Operation.TEXT_COMPLETION, ModelInfo.builder().build(), p,
        Map.of());
    engine.generate(prompt, p, 1, new GenerationSetup<>("stories", engine.caches().contextLength(), 2, 1, ids,
        t -> t == 2, String::valueOf, h, handle, ModelListener.noop(), ctx, Function.identity()));
    return handle;
  }

  private static SamplingParameters greedy(int max) {
    return SamplingParameters.greedy().toBuilder().maxTokens(max).build();
  }

  @Test
  void greedyGenerationMatchesLlamaCpp() {
    engine(64, 2);
    CompletionResponse r = generate(greedy(8), StreamHandler.discarding(), PROMPT).await();
    assertThat(r.tokens().stream().mapToInt(GeneratedToken::id).toArray()).containsExactly(GREEDY);
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.usage().inputTokens()).isEqualTo(5);
    assertThat(r.stats().kvCacheBytes()).isPositive();
    assertThat(r.stats().prefillNanos()).isPositive();
    assertThat(engine.caches().inUse()).isZero();
  }

  @Test
  void concurrentSequencesAreBatchedWithIdenticalResults() throws Exception {
    engine(64, 4);
    List<CompletableStreamHandle<CompletionResponse>> hs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      hs.add(generate(greedy(8), StreamHandler.discarding(), PROMPT));
    }
    int maxBatch = 0;
    for (CompletableStreamHandle<CompletionResponse> h : hs) {
      CompletionResponse r = h.await();
      assertThat(r.tokens().stream().mapToInt(GeneratedToken::id).toArray()).containsExactly(GREEDY);
      maxBatch = Math.max(maxBatch, r.stats().batchSize());
    }
    assertThat(maxBatch).isGreaterThan(1);
  }

  @Test
  void stopSequenceAcrossTokensIsExcluded() {
    engine(64, 1);
    // "[383][286]" contains "3][2" which spans two tokens.
    SamplingParameters p = greedy(8).toBuilder().stopSequences("3][2").build();
    CompletionResponse r = generate(p, StreamHandler.discarding(), PROMPT).await();
    assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(r.text()).isEqualTo("[432][38");
    StringBuilder streamed = new StringBuilder();
    r.tokens().forEach(t -> streamed.append(t.text()));
    assertThat(streamed.toString()).isEqualTo(r.text());
  }

  @Test
  void endOfContextFinishesWithLength() {
    engine(8, 1);
    CompletionResponse r = generate(greedy(100), StreamHandler.discarding(), PROMPT).await();
    // Positions 5, 6, 7 take three generated tokens; the fourth is sampled from position 7's logits.
    assertThat(r.tokens()).hasSize(4);
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
  }

  @Test
  void cancellationFreesTheKvCacheAndTheBudgetIsReusable() throws Exception {
    engine(2048, 1);
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch cancelIssued = new CountDownLatch(1);
    List<GeneratedToken> seen = new CopyOnWriteArrayList<>();
    CompletableStreamHandle<CompletionResponse> h = generate(greedy(2000), StreamHandler.onToken(t -> {
      seen.add(t);
      first.countDown();
      try {
        // Hold the engine at this token until the cancel is issued, so the story cannot end on its own first.
        cancelIssued.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }), PROMPT);
    assertThat(first.await(30, TimeUnit.SECONDS)).isTrue();
    h.cancel();
    cancelIssued.countDown();
    CompletionResponse r = h.await();
    assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(r.tokens()).hasSameSizeAs(seen);
    assertThat(engine.caches().inUse()).isZero();
    CompletionResponse again = generate(greedy(8), StreamHandler.discarding(), PROMPT).await();
    assertThat(again.tokens().stream().mapToInt(GeneratedToken::id).toArray()).containsExactly(GREEDY);
  }

  @Test
  void handlerExceptionEndsWithOnError() {
    engine(64, 1);
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    RuntimeException boom = new IllegalStateException("boom");
    CompletableStreamHandle<CompletionResponse> h = generate(greedy(8), new StreamHandler<>() {
      @Override
      public void onToken(GeneratedToken token) {
        throw boom;
      }

      @Override
      public void onComplete(CompletionResponse response) {}

      @Override
      public void onError(Throwable error) {
        errors.add(error);
      }
    }, PROMPT);
    assertThat(h.completion().toCompletableFuture()).failsWithin(30, TimeUnit.SECONDS);
    assertThat(errors).containsExactly(boom);
    assertThat(engine.caches().inUse()).isZero();
  }

  @Test
  void scoresAgreeWithGreedyDecoding() {
    engine(64, 1);
    int[] seq = new int[PROMPT.length + 3];
    System.arraycopy(PROMPT, 0, seq, 0, PROMPT.length);
    System.arraycopy(GREEDY, 0, seq, PROMPT.length, 3);
    TokenScores s = engine.score(seq);
    assertThat(s.size()).isEqualTo(seq.length - 1);
    assertThat(s.allGreedy(PROMPT.length - 1, seq.length - 1)).isTrue();
    float[] next = engine.nextTokenLogprobs(PROMPT);
    assertThat((double) next[432]).isCloseTo(s.logprob(PROMPT.length - 1), org.assertj.core.data.Offset.offset(1e-5));
  }
}
