package io.llmops.telemetry;

import io.llmops.GenerationCancelledException;
import io.llmops.LlmOpsException;
import io.llmops.evaluation.Score;
import io.llmops.guardrail.Finding;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletionResponse;
import io.llmops.model.Embedding;
import io.llmops.model.FinishReason;
import io.llmops.model.GeneratedToken;
import io.llmops.model.GenerationStats;
import io.llmops.observation.ContentRedactor;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.ModelListener;
import io.llmops.observation.Operation;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.logs.LogRecordBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every model call observable with the OpenTelemetry GenAI semantic conventions: a {@link ModelListener} that
 * opens one span per call, records the GenAI client and server metrics, and prices the call. Register it when
 * loading a model ({@code Models.loader().listener(telemetry)}).
 *
 * <p><b>Design.</b> The span starts in {@link #onRequest}, which runtimes call on the caller's thread, as a child of
 * the caller's {@link Context#current()}, and ends in {@link #onResponse} or {@link #onError}, wherever those run; a
 * stream therefore keeps its span open until it ends or is cancelled (finish reason {@code cancelled}). The span is
 * never made current on engine threads. Engine timings come from {@link GenerationStats} (the model runs
 * in-process, so we report its own prefill/decode split, not a network round trip). Everything here depends on
 * {@code opentelemetry-api} only: with {@link OpenTelemetry#noop()} every call is a cheap no-op.
 *
 * <p><b>Privacy.</b> Message content is not captured unless enabled (builder or {@value #CAPTURE_CONTENT_ENV}); when
 * enabled it passes through a {@link ContentRedactor} and a size cap first. With capture enabled but no redactor given
 * or found through {@link java.util.ServiceLoader}, content is <em>not</em> captured and a warning is logged once:
 * pass {@link ContentRedactor#none()} explicitly to capture raw content. Guardrail findings never carry matched text;
 * exception messages are never recorded (they may quote the prompt), only the exception class as {@code error.type}.
 *
 * <p>Thread-safe: one instance serves all calls of any number of models. Listener methods never throw into
 * inference except for errors (runtimes also wrap listeners with {@link ModelListener#safe}).
 *
 * @since 0.1.0
 */
public final class GenAiTelemetry implements ModelListener {
  /** The instrumentation scope name of spans, metrics and events. */
  public static final String INSTRUMENTATION_NAME = "io.llmops.telemetry";
  /** The environment variable that opts into content capture when set to {@code true}. */
  public static final String CAPTURE_CONTENT_ENV = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";
  /** The default {@code gen_ai.provider.name}: our in-process engine. */
  public static final String DEFAULT_PROVIDER = "llmops";
  /** The default cap on captured characters per message. */
  public static final int DEFAULT_MAX_CONTENT_CHARS = 8192;

  private static final Logger LOG = LoggerFactory.getLogger(GenAiTelemetry.class);
  private static final String OTHER_ERROR = "_OTHER";

  private final OpenTelemetry openTelemetry;
  private final Tracer tracer;
  private final io.opentelemetry.api.logs.Logger events;
  private final GenAiMetrics metrics;
  private final EngineGauges gauges;
  private final String provider;
  private final ContentCapture capture;
  private final PriceTable prices;
  private final GenAiTelemetryBuilder settings;
  // A key private to this instance, so two instances on the same model never read each other's state.
  private final Object stateKey = new Object();
  private final Map<Operation, ConcurrentHashMap<String, ModelKey>> keys = new EnumMap<>(Operation.class);

  GenAiTelemetry(GenAiTelemetryBuilder settings) {
    this.settings = settings.copy();
    this.openTelemetry = settings.openTelemetry;
    this.tracer = openTelemetry.getTracer(INSTRUMENTATION_NAME);
    this.events = openTelemetry.getLogsBridge().get(INSTRUMENTATION_NAME);
    this.metrics = new GenAiMetrics(openTelemetry.getMeter(INSTRUMENTATION_NAME));
    this.gauges = new EngineGauges(openTelemetry.getMeter(INSTRUMENTATION_NAME), settings.providerName);
    this.provider = settings.providerName;
    this.capture = settings.resolveCapture();
    this.prices = settings.priceTable;
    for (Operation op : Operation.values()) {
      keys.put(op, new ConcurrentHashMap<>());
    }
  }

  /**
   * Returns a builder over an OpenTelemetry instance (the host application's SDK, or {@link OpenTelemetry#noop()}).
   *
   * @param openTelemetry where spans, metrics and events go
   * @return the builder
   */
  public static GenAiTelemetryBuilder builder(OpenTelemetry openTelemetry) {
    return new GenAiTelemetryBuilder(openTelemetry);
  }

  /**
   * Returns instrumentation with default settings over an OpenTelemetry instance.
   *
   * @param openTelemetry where spans, metrics and events go
   * @return the instrumentation
   */
  public static GenAiTelemetry create(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /**
   * Returns a builder holding this instance's settings.
   *
   * @return a new builder
   */
  public GenAiTelemetryBuilder toBuilder() {
    return settings.copy();
  }

  /**
   * Returns whether message content is captured (opted in and a redactor is available).
   *
   * @return {@code true} when content goes to spans
   */
  public boolean capturesContent() {
    return capture != null;
  }

  @Override
  public void onRequest(ModelCallContext context, Object request) {
    ModelKey key = key(context.operation(), context.model().name());
    String tenant = context.attributes().get(ChatRequest.TENANT_ID);
    // onRequest runs on the caller's thread, so Context.current() is the caller's span: ours becomes its child.
    Span span = tracer.spanBuilder(key.spanName).setParent(Context.current()).setSpanKind(SpanKind.INTERNAL)
        .setAttribute(Keys.OPERATION_NAME, context.operation().conventionName())
        .setAttribute(Keys.PROVIDER_NAME, provider).setAttribute(Keys.REQUEST_MODEL, key.model).startSpan();
    if (span.isRecording()) {
      SpanAttributes.request(span, context, tenant);
      if (capture != null) {
        String input = capture.inputMessages(request);
        if (input != null) {
          span.setAttribute(Keys.INPUT_MESSAGES, input);
        }
      }
    }
    context.attach(stateKey, new CallState(span, key, tenant));
  }

  @Override
  public void onToken(ModelCallContext context, GeneratedToken token) {
    CallState state = context.attachment(stateKey, CallState.class);
    if (state != null) {
      state.onToken(System.nanoTime());
    }
  }

  @Override
  public void onResponse(ModelCallContext context, Object response) {
    CallState state = context.attachment(stateKey, CallState.class);
    if (state == null) {
      return; // this instance did not see the start of the call
    }
    long end = System.nanoTime();
    double clientSeconds = (end - context.startNanos()) / 1e9;
    CompletionResponse r = response instanceof ChatResponse ? ((ChatResponse) response).completion()
        : response instanceof CompletionResponse ? (CompletionResponse) response : null;
    Span span = state.span;
    ModelKey key = state.key;
    if (r == null) {
      if (span.isRecording() && response instanceof List && !((List<?>) response).isEmpty()
          && ((List<?>) response).get(0) instanceof Embedding) {
        span.setAttribute(Keys.EMBEDDINGS_DIMENSION_COUNT, (long) ((Embedding) ((List<?>) response).get(0))
            .dimension());
      }
      metrics.clientDuration.record(clientSeconds, key.metricAttributes);
      span.end();
      return;
    }
    boolean failed = r.finishReason() == FinishReason.ERROR;
    RequestCost cost = prices.measure(r.model(), r.usage(), r.stats(), end - context.startNanos());
    if (span.isRecording()) {
      SpanAttributes.response(span, r, state, context.startNanos());
      if (cost.isPriced()) {
        span.setAttribute(Keys.COST_AMOUNT, cost.amount());
        span.setAttribute(Keys.COST_CURRENCY, cost.currency());
      }
      if (capture != null) {
        span.setAttribute(Keys.OUTPUT_MESSAGES, capture.outputMessages(r.text(),
            SpanAttributes.finishReasons(r.finishReason()).get(0)));
      }
      if (failed) {
        span.setAttribute(Keys.ERROR_TYPE, OTHER_ERROR);
        span.setStatus(StatusCode.ERROR, OTHER_ERROR);
      }
    }
    recordMetrics(state, r, cost, clientSeconds, failed, context.startNanos());
    log(span, context, r.finishReason(), r);
    span.end();
  }

  private void recordMetrics(CallState state, CompletionResponse r, RequestCost cost, double clientSeconds,
      boolean failed, long startNanos) {
    ModelKey key = state.key;
    Attributes attributes = failed ? GenAiMetrics.withError(key.metricAttributes, OTHER_ERROR) : key.metricAttributes;
    metrics.clientDuration.record(clientSeconds, attributes);
    metrics.tokenUsage.record(r.usage().inputTokens(), key.inputTokenAttributes);
    metrics.tokenUsage.record(r.usage().outputTokens(), key.outputTokenAttributes);
    GenerationStats stats = r.stats();
    double serverSeconds = stats.totalNanos() > 0 ? stats.totalNanos() / 1e9 : clientSeconds;
    metrics.serverDuration.record(serverSeconds, attributes);
    // The conventions define TTFT and TPOT "for successful responses": not failed, not cancelled.
    int out = r.usage().outputTokens();
    if (!failed && r.finishReason() != FinishReason.CANCELLED && out > 0) {
      long ttftNanos = stats.timeToFirstTokenNanos() > 0 ? stats.timeToFirstTokenNanos()
          : state.firstTokenNanos() != 0 ? state.firstTokenNanos() - startNanos : -1;
      if (ttftNanos >= 0) {
        double ttft = ttftNanos / 1e9;
        metrics.timeToFirstToken.record(ttft, key.metricAttributes);
        if (out > 1) {
          metrics.timePerOutputToken.record(Math.max(0, serverSeconds - ttft) / (out - 1), key.metricAttributes);
        }
      }
    }
    if (cost.cpuSeconds() > 0) {
      metrics.cpuTime.add(cost.cpuSeconds(), key.metricAttributes);
    }
    if (cost.isPriced()) {
      metrics.cost.add(cost.amount(),
          key.metricAttributes.toBuilder().put(Keys.COST_CURRENCY, cost.currency()).build());
    }
  }

  @Override
  public void onError(ModelCallContext context, Throwable error) {
    CallState state = context.attachment(stateKey, CallState.class);
    if (state == null) {
      return;
    }
    double clientSeconds = (System.nanoTime() - context.startNanos()) / 1e9;
    Span span = state.span;
    if (error instanceof GenerationCancelledException) {
      // Cancellation is the caller's choice, not a failure.
      span.setAttribute(Keys.RESPONSE_FINISH_REASONS, SpanAttributes.finishReasons(FinishReason.CANCELLED));
      metrics.clientDuration.record(clientSeconds, state.key.metricAttributes);
      log(span, context, FinishReason.CANCELLED, null);
      span.end();
      return;
    }
    // error.type: "the canonical name of exception that occurred" (GenAI metrics convention, note on error.type).
    // The message is left out on purpose: it may quote the prompt.
    String type = error.getClass().getName();
    span.setAttribute(Keys.ERROR_TYPE, type);
    span.setStatus(StatusCode.ERROR, type);
    Attributes attributes = GenAiMetrics.withError(state.key.metricAttributes, type);
    metrics.clientDuration.record(clientSeconds, attributes);
    metrics.serverDuration.record(clientSeconds, attributes);
    if (error instanceof LlmOpsException) {
      if (LOG.isDebugEnabled()) {
        withIds(span, () -> LOG.debug("model call {} ({} {}) failed: {}", context.callId(),
            context.operation().conventionName(), state.key.model, type));
      }
    } else if (LOG.isWarnEnabled()) {
      withIds(span, () -> LOG.warn("model call {} ({} {}) failed unexpectedly: {}", context.callId(),
          context.operation().conventionName(), state.key.model, type));
    }
    span.end();
  }

  /**
   * Returns the span of a call this instance observes, for decorators that add their own events.
   *
   * @param context the call
   * @return the span, or {@link Span#getInvalid()} when this instance did not see the call start
   */
  public Span span(ModelCallContext context) {
    CallState state = context.attachment(stateKey, CallState.class);
    return state != null ? state.span : Span.getInvalid();
  }

  /**
   * Records guardrail findings on a call's span: one {@code llmops.guardrail.finding} event per finding, with the
   * guardrail's name, the entity type, the action, the score and the rule name, never the matched text (a {@link
   * Finding} does not hold it), and counts them in {@code llmops.guardrail.findings}.
   *
   * @param context the call
   * @param guardrailName the guardrail that found them
   * @param findings the findings
   */
  public void recordGuardrailFindings(ModelCallContext context, String guardrailName, List<Finding> findings) {
    recordGuardrailFindings(span(context), guardrailName, findings);
  }

  /**
   * Records guardrail findings on any span (e.g. {@link Span#current()} for a guardrail that runs before the call).
   *
   * @param span the span; events are dropped if it is not recording, the counter is still incremented
   * @param guardrailName the guardrail that found them
   * @param findings the findings
   */
  public void recordGuardrailFindings(Span span, String guardrailName, List<Finding> findings) {
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(guardrailName, "guardrailName");
    for (Finding f : findings) {
      String action = f.action().name().toLowerCase(Locale.ROOT);
      AttributesBuilder b = Attributes.builder().put(Keys.GUARDRAIL_NAME, guardrailName)
          .put(Keys.GUARDRAIL_ENTITY_TYPE, f.type()).put(Keys.GUARDRAIL_ACTION, action);
      metrics.guardrailFindings.add(1, b.build());
      if (span.isRecording()) {
        b.put(Keys.GUARDRAIL_SCORE, f.score());
        if (!f.detail().isEmpty()) {
          b.put(Keys.GUARDRAIL_DETAIL, f.detail());
        }
        if (f.hasSpan()) {
          b.put(Keys.GUARDRAIL_START, (long) f.start()).put(Keys.GUARDRAIL_END, (long) f.end());
        }
        span.addEvent(Keys.EVENT_GUARDRAIL_FINDING, b.build());
      }
    }
  }

  /**
   * Emits a {@code gen_ai.evaluation.result} event for a call (GenAI events convention): a log record in the call's
   * trace context with the metric name, score value, label ({@code pass}/{@code fail}) and the response id. The
   * scorer's explanation is included only when content capture is on, redacted and capped like content, because a
   * judge's explanation may quote the answer.
   *
   * @param context the evaluated call
   * @param score the score
   */
  public void recordEvaluation(ModelCallContext context, Score score) {
    recordEvaluation(span(context).getSpanContext(), context.callId(), score);
  }

  /**
   * Emits a {@code gen_ai.evaluation.result} event for a response evaluated after its call ended (e.g. offline).
   *
   * @param spanContext the evaluated call's span context, or {@link SpanContext#getInvalid()} when unknown
   * @param responseId the evaluated response's id ({@code gen_ai.response.id})
   * @param score the score
   */
  public void recordEvaluation(SpanContext spanContext, String responseId, Score score) {
    Objects.requireNonNull(spanContext, "spanContext");
    Objects.requireNonNull(score, "score");
    LogRecordBuilder b = events.logRecordBuilder().setEventName(Keys.EVENT_EVALUATION_RESULT)
        .setContext(Context.root().with(Span.wrap(spanContext)))
        .setAttribute(Keys.EVALUATION_NAME, score.metric())
        .setAttribute(Keys.EVALUATION_SCORE_VALUE, score.value())
        .setAttribute(Keys.EVALUATION_SCORE_LABEL, score.passed() ? "pass" : "fail");
    if (responseId != null) {
      b.setAttribute(Keys.RESPONSE_ID, responseId);
    }
    if (capture != null && !score.reason().isEmpty()) {
      b.setAttribute(Keys.EVALUATION_EXPLANATION, capture.clean(score.reason()));
    }
    b.emit();
  }

  /**
   * Registers observable gauges over an engine's live state: {@code llmops.engine.queue.size}, {@code
   * llmops.engine.sequences.running}, {@code llmops.engine.kv_cache.usage} and {@code llmops.engine.kv_cache.capacity},
   * labelled with {@code gen_ai.request.model}. Close the returned handle when the model is closed.
   *
   * @param model the model name
   * @param source the engine state
   * @return the registration; closing it removes the gauges
   */
  public AutoCloseable registerEngineGauges(String model, EngineGaugeSource source) {
    return gauges.register(model, source);
  }

  private ModelKey key(Operation operation, String model) {
    ConcurrentHashMap<String, ModelKey> byModel = keys.get(operation);
    ModelKey key = byModel.get(model);
    return key != null ? key : byModel.computeIfAbsent(model, m -> new ModelKey(operation, m, provider));
  }

  private void log(Span span, ModelCallContext context, FinishReason reason, CompletionResponse r) {
    // DEBUG only, and ids and counts only: no content, no exception messages.
    if (LOG.isDebugEnabled()) {
      withIds(span, () -> LOG.debug("model call {} ({} {}) finished: reason={} inputTokens={} outputTokens={}",
          context.callId(), context.operation().conventionName(), context.model().name(), reason,
          r != null ? r.usage().inputTokens() : 0, r != null ? r.usage().outputTokens() : 0));
    }
  }

  /** Runs a logging call with the span's ids in the MDC, restoring what the MDC held before. */
  static void withIds(Span span, Runnable logging) {
    SpanContext sc = span.getSpanContext();
    if (!sc.isValid()) {
      logging.run();
      return;
    }
    String oldTrace = org.slf4j.MDC.get("trace_id");
    String oldSpan = org.slf4j.MDC.get("span_id");
    org.slf4j.MDC.put("trace_id", sc.getTraceId());
    org.slf4j.MDC.put("span_id", sc.getSpanId());
    try {
      logging.run();
    } finally {
      restore("trace_id", oldTrace);
      restore("span_id", oldSpan);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      org.slf4j.MDC.remove(key);
    } else {
      org.slf4j.MDC.put(key, value);
    }
  }

  @Override
  public String toString() {
    return "GenAiTelemetry{provider=" + provider + ", captureContent=" + capturesContent() + ", prices=" + prices
        + '}';
  }
}
