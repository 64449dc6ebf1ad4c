package io.llmops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.ContextLengthExceededException;
import io.llmops.Models;
import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.model.ChatMessage;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.GeneratedToken;
import io.llmops.model.GenerationStats;
import io.llmops.model.LanguageModel;
import io.llmops.model.SamplingParameters;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.ModelListener;
import io.llmops.spi.RuntimeDiscovery;
import io.llmops.spi.RuntimeStatus;
import io.llmops.testing.TestFiles;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End to end on stories260K with the CPU runtime ({@code llmops-runtime-cpu}, a test dependency): the telemetry
 * listener attached at load time, real generations, every attribute checked against the engine's own response. A
 * missing model file skips locally and fails on CI ({@link TestFiles}); a missing runtime always fails.
 */
class RealGenerationTelemetryTest {
  private final TestSdk otel = new TestSdk();
  private final AtomicReference<ModelCallContext> lastCall = new AtomicReference<>();
  private GenAiTelemetry telemetry;
  private LanguageModel model;

  @BeforeEach
  void load() {
    Path file = TestFiles.model("stories260K.gguf");
    List<RuntimeStatus> runtimes = RuntimeDiscovery.ofContextClassLoader().statuses();
    assertThat(runtimes).as("the CPU runtime is a test dependency and must be available")
        .anyMatch(s -> s.name().equals("cpu") && s.available());
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
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.usage().outputTokens()).isEqualTo(8);
    SpanData span = otel.onlySpan();
    String name = model.info().name();
    assertThat(span.getName()).isEqualTo("text_completion " + name);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    Attributes a = span.getAttributes();
    assertThat(a.get(Keys.OPERATION_NAME)).isEqualTo("text_completion");
    assertThat(a.get(Keys.PROVIDER_NAME)).isEqualTo("llmops");
    assertThat(a.get(Keys.REQUEST_MODEL)).isEqualTo(name);
    assertThat(a.get(Keys.REQUEST_TEMPERATURE)).isEqualTo(0.0);
    assertThat(a.get(Keys.REQUEST_MAX_TOKENS)).isEqualTo(8L);
    assertThat(a.get(Keys.OUTPUT_TYPE)).isEqualTo("text");
    assertThat(a.get(Keys.RESPONSE_ID)).isEqualTo(r.id()).isEqualTo(lastCall.get().callId());
    assertThat(a.get(Keys.RESPONSE_MODEL)).isEqualTo(name);
    assertThat(a.get(Keys.RESPONSE_FINISH_REASONS)).containsExactly("length");
    assertThat(a.get(Keys.USAGE_INPUT_TOKENS)).isEqualTo(r.usage().inputTokens()).isPositive();
    assertThat(a.get(Keys.USAGE_OUTPUT_TOKENS)).isEqualTo(8L);
    assertThat(a.get(Keys.RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();

    // The engine's own measurements, from GenerationStats.
    GenerationStats s = r.stats();
    assertThat(a.get(Keys.RUNTIME)).isEqualTo("cpu");
    assertThat(a.get(Keys.QUANTIZATION)).isEqualTo("F32");
    assertThat(a.get(Keys.THREADS)).isEqualTo(1L);
    assertThat(s.prefillNanos()).isPositive();
    assertThat(s.decodeNanos()).isPositive();
    assertThat(s.timeToFirstTokenNanos()).isPositive();
    assertThat(a.get(Keys.PREFILL_DURATION)).isEqualTo(s.prefillNanos() / 1e9);
    assertThat(a.get(Keys.DECODE_DURATION)).isEqualTo(s.decodeNanos() / 1e9);
    assertThat(a.get(Keys.TIME_TO_FIRST_TOKEN)).isEqualTo(s.timeToFirstTokenNanos() / 1e9);
    assertThat(a.get(Keys.DECODE_TOKENS_PER_SECOND)).isEqualTo(s.decodeTokensPerSecond(8)).isPositive();
    assertThat(a.get(Keys.KV_CACHE_BYTES)).isEqualTo(s.kvCacheBytes()).isPositive();
    assertThat(a.get(Keys.BATCH_SIZE)).isEqualTo((long) s.batchSize());
    // Nothing priced (the default price table is empty) and no content captured by default.
    assertThat(a.get(Keys.COST_AMOUNT)).isNull();
    assertThat(a.get(Keys.INPUT_MESSAGES)).isNull();
    assertThat(a.get(Keys.OUTPUT_MESSAGES)).isNull();
    assertThat(span.toString()).doesNotContain("Once upon a time").doesNotContain(r.text());

    List<MetricData> metrics = otel.collect();
    Attributes base = Attributes.of(Keys.OPERATION_NAME, "text_completion", Keys.PROVIDER_NAME, "llmops",
        Keys.REQUEST_MODEL, name);
    assertThat(histogramSum(metrics, GenAiMetrics.CLIENT_TOKEN_USAGE,
        base.toBuilder().put(Keys.TOKEN_TYPE, "input").build())).isEqualTo(r.usage().inputTokens());
    assertThat(histogramSum(metrics, GenAiMetrics.CLIENT_TOKEN_USAGE,
        base.toBuilder().put(Keys.TOKEN_TYPE, "output").build())).isEqualTo(8.0);
    assertThat(histogramSum(metrics, GenAiMetrics.SERVER_REQUEST_DURATION, base)).isEqualTo(s.totalNanos() / 1e9);
    assertThat(histogramSum(metrics, GenAiMetrics.SERVER_TIME_TO_FIRST_TOKEN, base))
        .isEqualTo(s.timeToFirstTokenNanos() / 1e9);
    assertThat(histogramSum(metrics, GenAiMetrics.SERVER_TIME_PER_OUTPUT_TOKEN, base))
        .isEqualTo(Math.max(0, s.totalNanos() / 1e9 - s.timeToFirstTokenNanos() / 1e9) / 7);
    assertThat(histogramSum(metrics, GenAiMetrics.CLIENT_OPERATION_DURATION, base)).isPositive();
  }

  @Test
  void streamingChatKeepsTheSpanOpenUntilTheLastToken() {
    List<String> tokens = new ArrayList<>();
    List<Integer> spansEndedAtToken = new ArrayList<>();
    StreamHandle<ChatResponse> h = model.stream(ChatRequest.builder().message(ChatMessage.user("Tell me a story"))
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(6).build()).build(),
        StreamHandler.onToken(t -> {
          tokens.add(t.text());
          spansEndedAtToken.add(otel.finishedSpans().size());
        }));
    ChatResponse r = h.await();
    SpanData span = otel.onlySpan();
    Attributes a = span.getAttributes();
    assertThat(span.getName()).isEqualTo("chat " + model.info().name());
    assertThat(a.get(Keys.OPERATION_NAME)).isEqualTo("chat");
    assertThat(a.get(Keys.USAGE_OUTPUT_TOKENS)).isEqualTo(r.usage().outputTokens()).isBetween(1L, 6L);
    assertThat(a.get(Keys.RESPONSE_ID)).isEqualTo(r.completion().id());
    assertThat(a.get(Keys.RESPONSE_TIME_TO_FIRST_CHUNK)).isPositive();
    assertThat(a.get(Keys.TIME_TO_FIRST_TOKEN)).isEqualTo(r.completion().stats().timeToFirstTokenNanos() / 1e9);
    assertThat(a.get(Keys.RUNTIME)).isEqualTo("cpu");
    assertThat(tokens).hasSize(r.usage().outputTokens());
    assertThat(spansEndedAtToken).as("the span stays open while tokens stream").containsOnly(0);
    assertThat(String.join("", tokens)).isEqualTo(r.text());
  }

  @Test
  void cancelledStreamEndsTheSpanWithFinishReasonCancelled() throws InterruptedException {
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch cancelled = new CountDownLatch(1);
    StreamHandle<CompletionResponse> h = model.stream(prompt(100), StreamHandler.onToken(t -> {
      first.countDown();
      try {
        // Hold the engine at the first token until the cancel is issued: the model must not finish on its own.
        cancelled.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));
    first.await();
    h.cancel();
    cancelled.countDown();
    CompletionResponse r = h.await();
    assertThat(r.finishReason()).isEqualTo(FinishReason.CANCELLED);
    SpanData span = otel.onlySpan();
    assertThat(span.getAttributes().get(Keys.RESPONSE_FINISH_REASONS)).containsExactly("cancelled");
    assertThat(span.getAttributes().get(Keys.USAGE_OUTPUT_TOKENS)).isEqualTo(r.usage().outputTokens()).isPositive();
    assertThat(span.getAttributes().get(Keys.ERROR_TYPE)).isNull();
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    // TTFT and TPOT are "for successful responses" only (GenAI metrics convention).
    List<MetricData> metrics = otel.collect();
    assertThat(TestSdk.metric(metrics, GenAiMetrics.SERVER_TIME_TO_FIRST_TOKEN)).isEmpty();
    assertThat(TestSdk.metric(metrics, GenAiMetrics.CLIENT_OPERATION_DURATION)).isPresent();
  }

  @Test
  void contextOverflowIsAFailedSpanWithTheExceptionType() {
    String longPrompt = "once upon a time ".repeat(200);
    assertThatThrownBy(() -> model.complete(CompletionRequest.of(longPrompt)))
        .isInstanceOf(ContextLengthExceededException.class);
    // The CPU runtime calls onRequest before tokenizing, so the failed call has a span.
    SpanData span = otel.onlySpan();
    assertThat(span.getName()).isEqualTo("text_completion " + model.info().name());
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(span.getStatus().getDescription()).isEqualTo("io.llmops.ContextLengthExceededException");
    assertThat(span.getAttributes().get(Keys.ERROR_TYPE)).isEqualTo("io.llmops.ContextLengthExceededException");
    assertThat(span.getAttributes().get(Keys.USAGE_INPUT_TOKENS)).isNull();
    assertThat(span.toString()).doesNotContain("once upon a time once");
    Attributes failed = Attributes.builder().put(Keys.OPERATION_NAME, "text_completion")
        .put(Keys.PROVIDER_NAME, "llmops").put(Keys.REQUEST_MODEL, model.info().name())
        .put(Keys.ERROR_TYPE, "io.llmops.ContextLengthExceededException").build();
    assertThat(histogramCount(otel.collect(), GenAiMetrics.CLIENT_OPERATION_DURATION, failed)).isEqualTo(1);
  }

  @Test
  void guardedCallCarriesFindingEventsWithoutTheMatchedText() {
    CompletionRequest request = CompletionRequest.builder("Mail me at jane@example.com please")
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(2).build()).build();
    // A guardrail reports while the call runs (here on its first token, on the engine thread).
    StreamHandle<CompletionResponse> h = model.stream(request, new StreamHandler<>() {
      private boolean recorded;

      @Override
      public void onToken(GeneratedToken token) {
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
    SpanData guarded = otel.onlySpan();
    assertThat(guarded.getEvents()).hasSize(1);
    EventData event = guarded.getEvents().get(0);
    assertThat(event.getName()).isEqualTo("llmops.guardrail.finding");
    assertThat(event.getAttributes().asMap()).hasSize(7);
    assertThat(event.getAttributes().get(Keys.GUARDRAIL_NAME)).isEqualTo("pii");
    assertThat(event.getAttributes().get(Keys.GUARDRAIL_ENTITY_TYPE)).isEqualTo("EMAIL");
    assertThat(event.getAttributes().get(Keys.GUARDRAIL_ACTION)).isEqualTo("redact");
    assertThat(event.getAttributes().get(Keys.GUARDRAIL_SCORE)).isEqualTo(1.0);
    assertThat(event.getAttributes().get(Keys.GUARDRAIL_DETAIL)).isEqualTo("email-regex");
    assertThat(event.getAttributes().get(Keys.GUARDRAIL_START)).isEqualTo(11L);
    assertThat(event.getAttributes().get(Keys.GUARDRAIL_END)).isEqualTo(27L);
    assertThat(guarded.toString()).doesNotContain("jane@example.com");
    LongPointData count = (LongPointData) TestSdk.metric(otel.collect(), GenAiMetrics.GUARDRAIL_FINDINGS)
        .orElseThrow().getData().getPoints().iterator().next();
    assertThat(count.getValue()).isEqualTo(1);
    assertThat(count.getAttributes()).isEqualTo(Attributes.of(Keys.GUARDRAIL_NAME, "pii",
        Keys.GUARDRAIL_ENTITY_TYPE, "EMAIL", Keys.GUARDRAIL_ACTION, "redact"));
  }

  private static HistogramPointData histogramPoint(List<MetricData> metrics, String name, Attributes attributes) {
    MetricData m = TestSdk.metric(metrics, name).orElseThrow(() -> new AssertionError("no metric " + name));
    return m.getHistogramData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes)).findFirst()
        .orElseThrow(() -> new AssertionError("no point " + attributes + " in " + m));
  }

  private static double histogramSum(List<MetricData> metrics, String name, Attributes attributes) {
    return histogramPoint(metrics, name, attributes).getSum();
  }

  private static long histogramCount(List<MetricData> metrics, String name, Attributes attributes) {
    return histogramPoint(metrics, name, attributes).getCount();
  }
}
