package io.llmops.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.ContextLengthExceededException;
import io.llmops.model.ChatMessage;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.GeneratedToken;
import io.llmops.model.LanguageModel;
import io.llmops.model.SamplingParameters;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every {@link LanguageModel} promises, checked against a real model. A runtime's test extends this
 * class and returns a loaded model (e.g. stories260K) from {@link #model()}; the model must be able to generate at
 * least 24 tokens after {@link #prompt()} without ending.
 *
 * <p>What is checked: streaming yields the same tokens and text as blocking; greedy decoding and seeded sampling are
 * deterministic; {@code maxTokens} ends with {@link FinishReason#LENGTH}; stop sequences end generation across token
 * boundaries and are excluded; cancellation from another thread ends within a few tokens with {@link
 * FinishReason#CANCELLED}; a prompt longer than the context throws {@link ContextLengthExceededException}; usage
 * counts match the tokens; log-probabilities are valid; concurrent calls do not interfere; ids are unique.
 *
 * <p>Not thread-safe; JUnit runs one instance per class.
 *
 * @since 0.1.0
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ChatModelContractTest {

  /** Creates the contract test. */
  protected ChatModelContractTest() {}

  /**
   * Returns the model under test; called by every test, so cache it.
   *
   * @return a loaded model
   */
  protected abstract LanguageModel model();

  /**
   * Returns a prompt the model continues for at least 24 tokens under greedy decoding.
   *
   * @return the prompt
   */
  protected String prompt() {
    return "Once upon a time";
  }

  private CompletionRequest greedy(int maxTokens) {
    return CompletionRequest.builder(prompt())
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).build()).build();
  }

  @Test
  void streamingMatchesBlocking() {
    CompletionResponse blocking = model().complete(greedy(16));
    List<GeneratedToken> streamed = new CopyOnWriteArrayList<>();
    AtomicReference<CompletionResponse> completed = new AtomicReference<>();
    StreamHandle<CompletionResponse> handle = model().stream(greedy(16), new StreamHandler<>() {
      @Override
      public void onToken(GeneratedToken token) {
        streamed.add(token);
      }

      @Override
      public void onComplete(CompletionResponse response) {
        completed.set(response);
      }

      @Override
      public void onError(Throwable error) {
        throw new AssertionError("unexpected error", error);
      }
    });
    CompletionResponse awaited = handle.await();
    assertThat(completed.get()).isSameAs(awaited);
    assertThat(streamed.stream().mapToInt(GeneratedToken::id).toArray())
        .containsExactly(blocking.tokens().stream().mapToInt(GeneratedToken::id).toArray());
    StringBuilder text = new StringBuilder();
    streamed.forEach(t -> text.append(t.text()));
    assertThat(text.toString()).isEqualTo(blocking.text()).isEqualTo(awaited.text());
    assertThat(awaited.finishReason()).isEqualTo(blocking.finishReason());
  }

  @Test
  void greedyIsDeterministic() {
    assertThat(model().complete(greedy(16)).text()).isEqualTo(model().complete(greedy(16)).text());
  }

  @Test
  void sameSeedSameTokensDifferentSeedsDiffer() {
    SamplingParameters.Builder p = SamplingParameters.builder().temperature(1.0).topK(0).topP(1).minP(0)
        .maxTokens(24);
    Set<String> outputs = new HashSet<>();
    String first = null;
    for (long seed = 1; seed <= 4; seed++) {
      CompletionRequest r = CompletionRequest.builder(prompt()).parameters(p.seed(seed).build()).build();
      String a = model().complete(r).text();
      assertThat(model().complete(r).text()).as("seed %d twice", seed).isEqualTo(a);
      outputs.add(a);
      first = first == null ? a : first;
    }
    assertThat(outputs).as("four seeds at temperature 1 should not all give the same text").hasSizeGreaterThan(1);
  }

  @Test
  void maxTokensEndsWithLength() {
    CompletionResponse r = model().complete(greedy(3));
    assertThat(r.tokens()).hasSize(3);
    assertThat(r.usage().outputTokens()).isEqualTo(3);
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.usage().inputTokens()).isPositive();
  }

  @Test
  void stopSequenceEndsGenerationAndIsExcluded() {
    String full = model().complete(greedy(24)).text();
    assertThat(full.length()).as("the model must produce text for this test").isGreaterThan(12);
    // A stop sequence from the middle of the greedy output, crossing token boundaries.
    String stop = full.substring(full.length() / 2, full.length() / 2 + 4);
    int at = full.indexOf(stop);
    CompletionRequest r = CompletionRequest.builder(prompt())
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(24).stopSequences(stop).build()).build();
    CompletionResponse stopped = model().complete(r);
    assertThat(stopped.finishReason()).isEqualTo(FinishReason.STOP);
    assertThat(stopped.text()).isEqualTo(full.substring(0, at));
  }

  @Test
  void cancellationFromAnotherThreadEndsWithCancelled() throws Exception {
    CountDownLatch firstToken = new CountDownLatch(1);
    CountDownLatch cancelIssued = new CountDownLatch(1);
    List<GeneratedToken> seen = new CopyOnWriteArrayList<>();
    CompletionRequest r = CompletionRequest.builder(prompt())
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(4000).build()).build();
    StreamHandle<CompletionResponse> handle = model().stream(r, StreamHandler.onToken(t -> {
      seen.add(t);
      if (firstToken.getCount() > 0) {
        firstToken.countDown();
        // Hold the generation at its first token until another thread has cancelled, so the model cannot finish
        // on its own first (a fast model may reach end-of-text in milliseconds).
        try {
          cancelIssued.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }));
    assertThat(firstToken.await(60, TimeUnit.SECONDS)).isTrue();
    CompletableFuture.runAsync(handle::cancel).get(10, TimeUnit.SECONDS);
    cancelIssued.countDown();
    CompletionResponse response = handle.await();
    assertThat(handle.isCancelled()).isTrue();
    assertThat(response.finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(response.tokens()).hasSameSizeAs(seen);
    assertThat(response.tokens().size()).as("stops within one token of the cancel").isLessThanOrEqualTo(2);
    // The model is still usable after a cancelled generation.
    assertThat(model().complete(greedy(4)).tokens()).hasSize(4);
  }

  @Test
  void promptLongerThanContextIsRejected() {
    int context = model().info().contextLength();
    StringBuilder longPrompt = new StringBuilder();
    for (int i = 0; i < context + 8; i++) {
      longPrompt.append(" time");
    }
    assertThatThrownBy(() -> model().complete(CompletionRequest.of(longPrompt.toString())))
        .isInstanceOf(ContextLengthExceededException.class);
  }

  @Test
  void logprobsAreValidAndGreedyTokenIsTheTopOne() {
    CompletionRequest r = CompletionRequest.builder(prompt())
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(6).topLogprobs(3).build()).build();
    CompletionResponse response = model().complete(r);
    for (GeneratedToken t : response.tokens()) {
      assertThat(t.logprob()).isLessThanOrEqualTo(0.0).isGreaterThan(Double.NEGATIVE_INFINITY);
      assertThat(t.topLogprobs()).hasSize(3);
      assertThat(t.topLogprobs().get(0).id()).isEqualTo(t.id());
      assertThat(t.topLogprobs().get(0).logprob()).isEqualTo(t.logprob());
      assertThat(t.topLogprobs().get(1).logprob()).isLessThanOrEqualTo(t.topLogprobs().get(0).logprob());
    }
  }

  @Test
  void chatAnswersAndCountsUsage() {
    ChatRequest request = ChatRequest.builder().message(ChatMessage.user(prompt()))
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(8).build()).build();
    ChatResponse response = model().chat(request);
    assertThat(response.message().role()).isEqualTo(io.llmops.model.Role.ASSISTANT);
    assertThat(response.usage().outputTokens()).isEqualTo(response.tokens().size());
    assertThat(response.usage().inputTokens()).isPositive();
    assertThat(response.id()).isNotBlank();
  }

  @Test
  void concurrentCallsDoNotInterfereAndIdsAreUnique() throws Exception {
    String expected = model().complete(greedy(12)).text();
    List<CompletableFuture<CompletionResponse>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(CompletableFuture.supplyAsync(() -> model().complete(greedy(12))));
    }
    Set<String> ids = new HashSet<>();
    for (CompletableFuture<CompletionResponse> f : futures) {
      CompletionResponse r = f.get(60, TimeUnit.SECONDS);
      assertThat(r.text()).isEqualTo(expected);
      ids.add(r.id());
    }
    assertThat(ids).hasSize(4);
  }
}
