package io.llmops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.llmops.ContextLengthExceededException;
import io.llmops.Models;
import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.LanguageModel;
import io.llmops.model.SamplingParameters;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.ModelListener;
import io.llmops.spi.RuntimeDiscovery;
import io.llmops.spi.RuntimeStatus;
import io.llmops.testing.TestFiles;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end on stories260K with the CPU runtime: the telemetry listener attached at load time, real generations.
 * Needs a runtime that can load GGUF models; until {@code llmops-runtime-cpu} provides one, these tests are skipped
 * with that reason (on CI, the model file itself must exist: {@link TestFiles} fails there).
 */
class RealGenerationTelemetryTest {
  private final TestSdk otel = new TestSdk();
  private final AtomicReference<ModelCallContext> lastCall = new AtomicReference<>();
  private GenAiTelemetry telemetry;
  private LanguageModel model;

  @BeforeEach
  void load() {
    java.nio.file.Path file = TestFiles.model("stories260K.gguf");
    assumeTrue(RuntimeDiscovery.ofContextClassLoader().statuses().stream().anyMatch(RuntimeStatus::available),
        "no model runtime on the class path yet (llmops-runtime-cpu cannot load models on this branch)");
    telemetry = GenAiTelemetry.create(otel.sdk);
    ModelListener remember = new ModelListener() {
      @Override
      public void onRequest(ModelCallContext context, Object request) {
        lastCall.set(context);
      }
    };
    model = Models.loader().contextLength(128).threads(1)
        .listener(ModelListener.composite(List.of(telemetry, remember))).load(file);
  }

  @AfterEach
  void close() {
    if (model != null) {
      model.close();
    }
    otel.close();
  }

  private static CompletionRequest prompt(int maxTokens) {
    return CompletionRequest.builder("Once upon a time")
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).build()).build();
  }

  @Test
  void blockingCompletionProducesOneSpanWithTheEnginesUsageAndTimings() {
    CompletionResponse r = model.complete(prompt(8));
    SpanData span = otel.onlySpan();
    assertThat(span.getName()).isEqualTo("text_completion " + model.info().name());
    assertThat(span.getAttributes().get(Keys.RESPONSE_ID)).isEqualTo(r.id());
    assertThat(span.getAttributes().get(Keys.USAGE_INPUT_TOKENS)).isEqualTo(r.usage().inputTokens());
    assertThat(span.getAttributes().get(Keys.USAGE_OUTPUT_TOKENS)).isEqualTo(r.usage().outputTokens());
    assertThat(span.getAttributes().get(Keys.RESPONSE_FINISH_REASONS))
        .containsExactly(r.finishReason().name().toLowerCase(java.util.Locale.ROOT));
    assertThat(span.getAttributes().get(Keys.REQUEST_TEMPERATURE)).isEqualTo(0.0);
    assertThat(span.getAttributes().get(Keys.RUNTIME)).isEqualTo(model.info().runtime());
    if (r.stats().prefillNanos() > 0) {
      assertThat(span.getAttributes().get(Keys.PREFILL_DURATION)).isEqualTo(r.stats().prefillNanos() / 1e9);
    }
    assertThat(TestSdk.metric(otel.collect(), "gen_ai.client.token.usage")).isPresent();
  }

  @Test
  void streamingChatKeepsTheSpanOpenUntilTheLastToken() {
    java.util.List<String> tokens = new java.util.ArrayList<>();
    StreamHandle<ChatResponse> h = model.stream(io.llmops.model.ChatRequest.builder()
        .message(io.llmops.model.ChatMessage.user("Tell me a story"))
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(6).build()).build(),
        StreamHandler.onToken(t -> tokens.add(t.text())));
    ChatResponse r = h.await();
    SpanData span = otel.onlySpan();
    assertThat(span.getName()).startsWith("chat ");
    assertThat(span.getAttributes().get(Keys.USAGE_OUTPUT_TOKENS)).isEqualTo(r.usage().outputTokens());
    assertThat(span.getAttributes().get(Keys.RESPONSE_TIME_TO_FIRST_CHUNK)).isNotNull();
    assertThat(tokens).hasSize(r.usage().outputTokens());
  }

  @Test
  void cancelledStreamEndsTheSpanWithFinishReasonCancelled() {
    AtomicReference<StreamHandle<CompletionResponse>> handle = new AtomicReference<>();
    StreamHandle<CompletionResponse> h = model.stream(prompt(64), StreamHandler.onToken(t -> {
      if (handle.get() != null) {
        handle.get().cancel();
      }
    }));
    handle.set(h);
    h.cancel();
    CompletionResponse r = h.await();
    assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
    SpanData span = otel.onlySpan();
    assertThat(span.getAttributes().get(Keys.RESPONSE_FINISH_REASONS)).containsExactly("cancelled");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void contextOverflowIsAFailedSpanWithTheExceptionType() {
    String longPrompt = "once upon a time ".repeat(200);
    assertThatThrownBy(() -> model.complete(CompletionRequest.of(longPrompt)))
        .isInstanceOf(ContextLengthExceededException.class);
    List<SpanData> spans = otel.finishedSpans();
    // A runtime may reject the prompt before calling onRequest; if it started a span, that span failed.
    for (SpanData s : spans) {
      assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(s.getAttributes().get(Keys.ERROR_TYPE)).isEqualTo("io.llmops.ContextLengthExceededException");
      assertThat(s.toString()).doesNotContain("once upon a time once");
    }
  }

  @Test
  void guardedCallCarriesFindingEventsWithoutTheMatchedText() {
    model.stream(prompt(4), new StreamHandler<>() {
      @Override
      public void onToken(io.llmops.model.GeneratedToken token) {}

      @Override
      public void onComplete(CompletionResponse response) {}

      @Override
      public void onError(Throwable error) {}
    }).await();
    // The findings are recorded on the call's span by whoever guards it; the call ended, so record on a fresh call.
    CompletionRequest request = CompletionRequest.builder("Mail me at jane@example.com please")
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(2).build()).build();
    StreamHandle<CompletionResponse> h = model.stream(request, new StreamHandler<>() {
      private boolean recorded;

      @Override
      public void onToken(io.llmops.model.GeneratedToken token) {
        if (!recorded) {
          recorded = true;
          telemetry.recordGuardrailFindings(lastCall.get(), "pii",
              List.of(new Finding("EMAIL", 11, 27, 1.0, GuardrailAction.REDACT, "email-regex")));
        }
      }

      @Override
      public void onComplete(CompletionResponse response) {}

      @Override
      public void onError(Throwable error) {}
    });
    h.await();
    SpanData guarded = otel.finishedSpans().get(1);
    assertThat(guarded.getEvents()).extracting(e -> e.getName()).containsExactly("llmops.guardrail.finding");
    assertThat(guarded.toString()).doesNotContain("jane@example.com");
  }
}
