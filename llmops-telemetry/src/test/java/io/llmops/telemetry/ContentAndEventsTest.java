package io.llmops.telemetry;

import static io.llmops.telemetry.Fixtures.STATS;
import static io.llmops.telemetry.Fixtures.context;
import static io.llmops.telemetry.Fixtures.request;
import static io.llmops.telemetry.Fixtures.response;
import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.evaluation.Score;
import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.model.ChatRequest;
import io.llmops.model.FinishReason;
import io.llmops.observation.ContentRedactor;
import io.llmops.observation.ModelCallContext;
import io.llmops.telemetry.internal.Json;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Content capture (off by default, opt-in, redacted, capped), guardrail findings and evaluation events. */
class ContentAndEventsTest {
  private static final ContentRedactor EMAILS = text -> text.replaceAll("[\\w.]+@[\\w.]+\\w", "<EMAIL>");
  /** A class loader that sees no ContentRedactor provider. */
  private static final ClassLoader EMPTY = new URLClassLoader(new URL[0], null);

  private final TestSdk otel = new TestSdk();

  @AfterEach
  void close() {
    otel.close();
  }

  private SpanData call(GenAiTelemetry telemetry) {
    ChatRequest request = request();
    ModelCallContext ctx = context("c-1", request);
    telemetry.onRequest(ctx, request);
    telemetry.onResponse(ctx, response("c-1", FinishReason.STOP, 12, 10, STATS));
    return otel.onlySpan();
  }

  @Test
  void contentIsNotCapturedByDefaultEvenWithARedactor() {
    GenAiTelemetry telemetry = GenAiTelemetry.builder(otel.sdk).environment(name -> null).redactor(EMAILS).build();
    assertThat(telemetry.capturesContent()).isFalse();
    SpanData span = call(telemetry);
    assertThat(span.getAttributes().get(Keys.INPUT_MESSAGES)).isNull();
    assertThat(span.getAttributes().get(Keys.OUTPUT_MESSAGES)).isNull();
    assertThat(span.toString()).doesNotContain("a@b.c").doesNotContain("Once upon");
  }

  @Test
  void environmentVariableOptsInAndContentIsRedactedAsConventionJson() {
    GenAiTelemetry telemetry = GenAiTelemetry.builder(otel.sdk)
        .environment(Map.of("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "TRUE")::get).redactor(EMAILS)
        .build();
    assertThat(telemetry.capturesContent()).isTrue();
    SpanData span = call(telemetry);
    assertThat(span.getAttributes().get(Keys.INPUT_MESSAGES)).isEqualTo(
        "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief.\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"My email is <EMAIL>. Tell me a story.\"}]}]");
    assertThat(span.getAttributes().get(Keys.OUTPUT_MESSAGES)).isEqualTo(
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"Once upon a time.\"}],"
            + "\"finish_reason\":\"stop\"}]");
  }

  @Test
  void builderOverridesTheEnvironment() {
    GenAiTelemetry telemetry = GenAiTelemetry.builder(otel.sdk)
        .environment(Map.of("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")::get).redactor(EMAILS)
        .captureContent(false).build();
    assertThat(telemetry.capturesContent()).isFalse();
  }

  @Test
  void captureWithoutAnyRedactorStaysOff() {
    GenAiTelemetry telemetry = GenAiTelemetry.builder(otel.sdk).captureContent(true).classLoader(EMPTY).build();
    assertThat(telemetry.capturesContent()).isFalse();
    assertThat(call(telemetry).getAttributes().get(Keys.INPUT_MESSAGES)).isNull();
  }

  @Test
  void capturedContentIsCappedAfterRedactionAndEscaped() {
    ContentCapture capture = new ContentCapture(EMAILS, 12);
    assertThat(capture.clean("mail x@y.zz now please")).isEqualTo("mail <EMAIL>" + ContentCapture.TRUNCATION_MARK);
    assertThat(capture.clean("short")).isEqualTo("short");
    // A surrogate pair at the cut is not split.
    assertThat(new ContentCapture(ContentRedactor.none(), 2).clean("a\uD83D\uDE00b")).isEqualTo("a…[truncated]");
    StringBuilder sb = new StringBuilder();
    Json.string(sb, "q\"b\\n\n\u0001\u2028");
    assertThat(sb).hasToString("\"q\\\"b\\\\n\\n\\u0001\\u2028\"");
  }

  @Test
  void guardrailFindingsBecomeSpanEventsWithoutMatchedText() {
    GenAiTelemetry telemetry = GenAiTelemetry.create(otel.sdk);
    ChatRequest request = request();
    ModelCallContext ctx = context("g-1", request);
    telemetry.onRequest(ctx, request);
    telemetry.recordGuardrailFindings(ctx, "pii", List.of(
        new Finding("EMAIL", 12, 17, 0.99, GuardrailAction.REDACT, "email-regex"),
        new Finding("PROMPT_INJECTION", -1, -1, 0.5, GuardrailAction.BLOCK, "")));
    telemetry.onResponse(ctx, response("g-1", FinishReason.CONTENT_FILTER, 12, 0, STATS));

    SpanData span = otel.onlySpan();
    assertThat(span.getAttributes().get(Keys.RESPONSE_FINISH_REASONS)).containsExactly("content_filter");
    List<EventData> events = span.getEvents();
    assertThat(events).extracting(EventData::getName)
        .containsExactly("llmops.guardrail.finding", "llmops.guardrail.finding");
    assertThat(events.get(0).getAttributes().asMap()).isEqualTo(Attributes.builder()
        .put("llmops.guardrail.name", "pii").put("llmops.guardrail.entity_type", "EMAIL")
        .put("llmops.guardrail.action", "redact").put("llmops.guardrail.score", 0.99)
        .put("llmops.guardrail.detail", "email-regex").put("llmops.guardrail.start", 12L)
        .put("llmops.guardrail.end", 17L).build().asMap());
    assertThat(events.get(1).getAttributes().asMap()).isEqualTo(Attributes.builder()
        .put("llmops.guardrail.name", "pii").put("llmops.guardrail.entity_type", "PROMPT_INJECTION")
        .put("llmops.guardrail.action", "block").put("llmops.guardrail.score", 0.5).build().asMap());
    assertThat(span.toString()).doesNotContain("a@b.c");
    assertThat(TestSdk.metric(otel.collect(), "llmops.guardrail.findings").orElseThrow().getLongSumData()
        .getPoints()).hasSize(2);
  }

  @Test
  void evaluationIsAGenAiEvaluationResultEventInTheCallsTrace() {
    GenAiTelemetry telemetry = GenAiTelemetry.create(otel.sdk);
    ChatRequest request = request();
    ModelCallContext ctx = context("e-1", request);
    telemetry.onRequest(ctx, request);
    Span span = telemetry.span(ctx);
    telemetry.onResponse(ctx, response("e-1", FinishReason.STOP, 12, 10, STATS));
    // Evaluations usually arrive after the call ended.
    telemetry.recordEvaluation(ctx, new Score("relevance", 0.8, true, "mentions a@b.c"));

    LogRecordData event = otel.logRecords().get(0);
    assertThat(event.getEventName()).isEqualTo("gen_ai.evaluation.result");
    assertThat(event.getSpanContext()).isEqualTo(span.getSpanContext());
    assertThat(event.getAttributes().asMap()).isEqualTo(Attributes.builder()
        .put("gen_ai.evaluation.name", "relevance").put("gen_ai.evaluation.score.value", 0.8)
        .put("gen_ai.evaluation.score.label", "pass").put("gen_ai.response.id", "e-1").build().asMap());
  }

  @Test
  void evaluationExplanationOnlyWithContentCaptureAndRedacted() {
    GenAiTelemetry telemetry = GenAiTelemetry.builder(otel.sdk).captureContent(true).redactor(EMAILS).build();
    telemetry.recordEvaluation(io.opentelemetry.api.trace.SpanContext.getInvalid(), "r-9",
        new Score("faithfulness", 0.1, false, "quotes a@b.c"));
    LogRecordData event = otel.logRecords().get(0);
    assertThat(event.getAttributes().get(Keys.EVALUATION_SCORE_LABEL)).isEqualTo("fail");
    assertThat(event.getAttributes().get(Keys.EVALUATION_EXPLANATION)).isEqualTo("quotes <EMAIL>");
  }

  @Test
  void logsCarryTraceAndSpanIdsInTheMdcAndRestoreIt() {
    GenAiTelemetry telemetry = GenAiTelemetry.create(otel.sdk);
    ChatRequest request = request();
    ModelCallContext ctx = context("l-1", request);
    telemetry.onRequest(ctx, request);
    Span span = telemetry.span(ctx);
    AtomicReference<String> seen = new AtomicReference<>();
    MDC.put("trace_id", "outer");
    try {
      GenAiTelemetry.withIds(span, () -> seen.set(MDC.get("trace_id") + "/" + MDC.get("span_id")));
      assertThat(seen.get())
          .isEqualTo(span.getSpanContext().getTraceId() + "/" + span.getSpanContext().getSpanId());
      assertThat(MDC.get("trace_id")).isEqualTo("outer");
      assertThat(MDC.get("span_id")).isNull();
    } finally {
      MDC.clear();
    }
  }
}
