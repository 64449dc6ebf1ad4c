package io.llmops.telemetry;

import static io.llmops.telemetry.Fixtures.STATS;
import static io.llmops.telemetry.Fixtures.context;
import static io.llmops.telemetry.Fixtures.request;
import static io.llmops.telemetry.Fixtures.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.ContextLengthExceededException;
import io.llmops.GenerationCancelledException;
import io.llmops.model.ChatRequest;
import io.llmops.model.FinishReason;
import io.llmops.model.GeneratedToken;
import io.llmops.model.GenerationStats;
import io.llmops.observation.ModelCallContext;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spans driven through the listener with real API value objects; expected values are hand-computed. */
class GenAiTelemetrySpanTest {
  private final TestSdk otel = new TestSdk();
  private final GenAiTelemetry telemetry = GenAiTelemetry.create(otel.sdk);

  @AfterEach
  void close() {
    otel.close();
  }

  @Test
  void chatSpanCarriesExactlyTheConventionAndEngineAttributes() {
    ChatRequest request = request();
    ModelCallContext ctx = context("call-1", request);
    telemetry.onRequest(ctx, request);
    telemetry.onResponse(ctx, response("call-1", FinishReason.STOP, 12, 10, STATS));

    SpanData span = otel.onlySpan();
    assertThat(span.getName()).isEqualTo("chat stories260K");
    assertThat(span.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getInstrumentationScopeInfo().getName()).isEqualTo("io.llmops.telemetry");
    Attributes expected = Attributes.builder()
        .put("gen_ai.operation.name", "chat")
        .put("gen_ai.provider.name", "llmops")
        .put("gen_ai.request.model", "stories260K")
        .put("gen_ai.request.temperature", 0.7)
        .put("gen_ai.request.top_p", 0.9)
        .put("gen_ai.request.top_k", 40.0)
        .put("gen_ai.request.max_tokens", 32L)
        .put("gen_ai.request.seed", 42L)
        .put(io.opentelemetry.api.common.AttributeKey.stringArrayKey("gen_ai.request.stop_sequences"),
            List.of("\n\n"))
        .put("gen_ai.request.frequency_penalty", 0.5)
        .put("gen_ai.request.presence_penalty", -0.25)
        .put("gen_ai.output.type", "text")
        .put("gen_ai.conversation.id", "conv-1")
        .put("gen_ai.response.id", "call-1")
        .put("gen_ai.response.model", "stories260K")
        .put(io.opentelemetry.api.common.AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"),
            List.of("stop"))
        .put("gen_ai.usage.input_tokens", 12L)
        .put("gen_ai.usage.output_tokens", 10L)
        .put("gen_ai.usage.cache_read.input_tokens", 3L)
        .put("llmops.tenant.id", "tenant-a")
        .put("llmops.runtime", "cpu")
        .put("llmops.model.quantization", "F32")
        .put("llmops.threads", 2L)
        .put("llmops.prefill.duration", 0.02)
        .put("llmops.decode.duration", 0.18)
        .put("llmops.time_to_first_token", 0.025)
        // (10 - 1) tokens over 0.18 s of decode
        .put("llmops.decode.tokens_per_second", 50.0)
        .put("llmops.cpu.time", 0.36)
        .put("llmops.kv_cache.bytes", 65_536L)
        .put("llmops.batch.size", 1L)
        .put("llmops.prefix_cache.hit_tokens", 3L)
        .build();
    assertThat(span.getAttributes().asMap()).isEqualTo(expected.asMap());
    assertThat(span.getEvents()).isEmpty();
  }

  @Test
  void spanIsAChildOfTheCallersSpanAndEndsOnAnotherThread() throws Exception {
    ChatRequest request = request();
    ModelCallContext ctx = context("call-2", request);
    Span parent = otel.sdk.getTracer("app").spanBuilder("handle request").startSpan();
    try (Scope ignored = parent.makeCurrent()) {
      telemetry.onRequest(ctx, request);
    }
    // The runtime finishes the call on its own worker thread, where the caller's context is not current.
    CompletableFuture.runAsync(() -> telemetry.onResponse(ctx, response("call-2", FinishReason.STOP, 5, 2, STATS)))
        .get();
    parent.end();

    SpanData child = otel.finishedSpans().stream().filter(s -> s.getName().startsWith("chat")).findFirst()
        .orElseThrow();
    assertThat(child.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(child.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(telemetry.span(ctx).getSpanContext()).isEqualTo(child.getSpanContext());
  }

  @Test
  void streamKeepsTheSpanOpenUntilItEndsAndRecordsTheObservedFirstToken() {
    ChatRequest request = request();
    long before = System.nanoTime();
    ModelCallContext ctx = context("call-3", request);
    telemetry.onRequest(ctx, request);
    telemetry.onToken(ctx, GeneratedToken.of(1, "Once"));
    long firstTokenSeen = System.nanoTime();
    telemetry.onToken(ctx, GeneratedToken.of(2, " upon"));
    assertThat(otel.finishedSpans()).as("span still open while streaming").isEmpty();
    telemetry.onResponse(ctx, response("call-3", FinishReason.STOP, 5, 2, GenerationStats.empty()));

    SpanData span = otel.onlySpan();
    Double ttfc = span.getAttributes().get(Keys.RESPONSE_TIME_TO_FIRST_CHUNK);
    assertThat(ttfc).isNotNull().isGreaterThanOrEqualTo(0.0)
        .isLessThanOrEqualTo((firstTokenSeen - before) / 1e9);
    // Stats were empty: no engine attribute is invented.
    assertThat(span.getAttributes().asMap().keySet()).noneMatch(k -> k.getKey().startsWith("llmops.prefill")
        || k.getKey().startsWith("llmops.threads") || k.getKey().startsWith("llmops.cpu"));
  }

  @Test
  void cancelledStreamEndsWithFinishReasonCancelledAndNoError() {
    ChatRequest request = request();
    ModelCallContext ctx = context("call-4", request);
    telemetry.onRequest(ctx, request);
    telemetry.onToken(ctx, GeneratedToken.of(1, "Once"));
    telemetry.onResponse(ctx, response("call-4", FinishReason.CANCELLED, 5, 1, GenerationStats.empty()));

    SpanData span = otel.onlySpan();
    assertThat(span.getAttributes().get(Keys.RESPONSE_FINISH_REASONS)).containsExactly("cancelled");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(span.getAttributes().get(Keys.ERROR_TYPE)).isNull();
  }

  @Test
  void cancellationReportedAsAnErrorIsStillNotAFailure() {
    ChatRequest request = request();
    ModelCallContext ctx = context("call-5", request);
    telemetry.onRequest(ctx, request);
    telemetry.onError(ctx, new GenerationCancelledException("cancelled"));

    SpanData span = otel.onlySpan();
    assertThat(span.getAttributes().get(Keys.RESPONSE_FINISH_REASONS)).containsExactly("cancelled");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void failureSetsErrorTypeAndStatusButNeverTheMessage() {
    ChatRequest request = request();
    ModelCallContext ctx = context("call-6", request);
    telemetry.onRequest(ctx, request);
    telemetry.onError(ctx, new RuntimeException("secret prompt text a@b.c"));
    ModelCallContext ctx2 = context("call-7", request);
    telemetry.onRequest(ctx2, request);
    telemetry.onError(ctx2, new ContextLengthExceededException(600, 512));

    List<SpanData> spans = otel.finishedSpans();
    assertThat(spans).hasSize(2);
    assertThat(spans.get(0).getAttributes().get(Keys.ERROR_TYPE)).isEqualTo("java.lang.RuntimeException");
    assertThat(spans.get(1).getAttributes().get(Keys.ERROR_TYPE))
        .isEqualTo("io.llmops.ContextLengthExceededException");
    for (SpanData s : spans) {
      assertThat(s.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(s.getStatus().getDescription()).isEqualTo(s.getAttributes().get(Keys.ERROR_TYPE));
      assertThat(s.getEvents()).isEmpty();
      assertThat(s.toString()).doesNotContain("secret").doesNotContain("a@b.c");
    }
  }

  @Test
  void responseWithFinishReasonErrorIsAFailure() {
    ChatRequest request = request();
    ModelCallContext ctx = context("call-8", request);
    telemetry.onRequest(ctx, request);
    telemetry.onResponse(ctx, response("call-8", FinishReason.ERROR, 5, 0, GenerationStats.empty()));

    SpanData span = otel.onlySpan();
    assertThat(span.getAttributes().get(Keys.ERROR_TYPE)).isEqualTo("_OTHER");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void eventsForCallsThisInstanceDidNotStartAreIgnored() {
    ChatRequest request = request();
    ModelCallContext ctx = context("call-9", request);
    telemetry.onToken(ctx, GeneratedToken.of(1, "x"));
    telemetry.onResponse(ctx, response("call-9", FinishReason.STOP, 1, 1, STATS));
    telemetry.onError(ctx, new RuntimeException());
    assertThat(otel.finishedSpans()).isEmpty();
    assertThat(telemetry.span(ctx)).isSameAs(Span.getInvalid());
  }

  @Test
  void embeddingsSpanIsNamedAfterTheOperationAndRecordsTheDimension() {
    ModelCallContext ctx = new ModelCallContext("e-1", io.llmops.observation.Operation.EMBEDDINGS,
        Fixtures.MODEL, null, java.util.Map.of());
    telemetry.onRequest(ctx, List.of("a", "b"));
    telemetry.onResponse(ctx, List.of(io.llmops.model.Embedding.of(new float[] {1, 0, 0}),
        io.llmops.model.Embedding.of(new float[] {0, 1, 0})));

    SpanData span = otel.onlySpan();
    assertThat(span.getName()).isEqualTo("embeddings stories260K");
    assertThat(span.getAttributes().asMap()).isEqualTo(Attributes.builder()
        .put("gen_ai.operation.name", "embeddings").put("gen_ai.provider.name", "llmops")
        .put("gen_ai.request.model", "stories260K").put("llmops.runtime", "cpu")
        .put("llmops.model.quantization", "F32").put("gen_ai.embeddings.dimension.count", 3L).build().asMap());
  }
}
