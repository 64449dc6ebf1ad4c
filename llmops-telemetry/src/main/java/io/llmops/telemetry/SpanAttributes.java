package io.llmops.telemetry;

import io.llmops.model.ChatRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.GenerationStats;
import io.llmops.model.ModelInfo;
import io.llmops.model.SamplingParameters;
import io.llmops.observation.ModelCallContext;
import io.opentelemetry.api.trace.Span;
import java.util.List;

/**
 * Writes the request, response and engine attributes of a GenAI span (GenAI spans convention, "Inference" span).
 * Called only when the span is recording, so a sampled-out or no-SDK call pays nothing here. Stateless.
 */
final class SpanAttributes {
  private static final List<String> STOP = List.of("stop");
  private static final List<String> LENGTH = List.of("length");
  private static final List<String> CANCELLED = List.of("cancelled");
  private static final List<String> CONTENT_FILTER = List.of("content_filter");
  private static final List<String> ERROR = List.of("error");

  private SpanAttributes() {}

  /** Returns the {@code gen_ai.response.finish_reasons} value: the convention's lower-case names. */
  static List<String> finishReasons(FinishReason reason) {
    switch (reason) {
      case STOP:
        return STOP;
      case LENGTH:
        return LENGTH;
      case CANCELLED:
        return CANCELLED;
      case CONTENT_FILTER:
        return CONTENT_FILTER;
      case ERROR:
        return ERROR;
      default:
        throw new AssertionError(reason);
    }
  }

  static void request(Span span, ModelCallContext context, String tenant) {
    SamplingParameters p = context.parameters();
    if (p != null) {
      span.setAttribute(Keys.REQUEST_TEMPERATURE, p.temperature());
      span.setAttribute(Keys.REQUEST_TOP_P, p.topP());
      if (p.topK() > 0) {
        span.setAttribute(Keys.REQUEST_TOP_K, (double) p.topK());
      }
      span.setAttribute(Keys.REQUEST_MAX_TOKENS, (long) p.maxTokens());
      if (p.seed().isPresent()) {
        span.setAttribute(Keys.REQUEST_SEED, p.seed().getAsLong());
      }
      if (!p.stopSequences().isEmpty()) {
        span.setAttribute(Keys.REQUEST_STOP_SEQUENCES, p.stopSequences());
      }
      if (p.frequencyPenalty() != 0) {
        span.setAttribute(Keys.REQUEST_FREQUENCY_PENALTY, p.frequencyPenalty());
      }
      if (p.presencePenalty() != 0) {
        span.setAttribute(Keys.REQUEST_PRESENCE_PENALTY, p.presencePenalty());
      }
      span.setAttribute(Keys.OUTPUT_TYPE, "text");
    }
    String conversation = context.attributes().get(ChatRequest.CONVERSATION_ID);
    if (conversation != null) {
      span.setAttribute(Keys.CONVERSATION_ID, conversation);
    }
    if (tenant != null) {
      span.setAttribute(Keys.TENANT_ID, tenant);
    }
    ModelInfo m = context.model();
    if (!m.runtime().isEmpty()) {
      span.setAttribute(Keys.RUNTIME, m.runtime());
    }
    if (!m.quantization().isEmpty()) {
      span.setAttribute(Keys.QUANTIZATION, m.quantization());
    }
  }

  static void response(Span span, CompletionResponse r, CallState state, long startNanos) {
    span.setAttribute(Keys.RESPONSE_ID, r.id());
    span.setAttribute(Keys.RESPONSE_MODEL, r.model());
    span.setAttribute(Keys.RESPONSE_FINISH_REASONS, finishReasons(r.finishReason()));
    span.setAttribute(Keys.USAGE_INPUT_TOKENS, (long) r.usage().inputTokens());
    span.setAttribute(Keys.USAGE_OUTPUT_TOKENS, (long) r.usage().outputTokens());
    if (state.firstTokenNanos() != 0) {
      // The caller-side view: from the call to the first token the listener saw.
      span.setAttribute(Keys.RESPONSE_TIME_TO_FIRST_CHUNK, (state.firstTokenNanos() - startNanos) / 1e9);
    }
    engine(span, r.stats(), r.usage().outputTokens());
  }

  /** The engine's own measurements; a value the runtime did not measure (0) is left out rather than reported as 0. */
  static void engine(Span span, GenerationStats s, int outputTokens) {
    if (!s.runtime().isEmpty()) {
      span.setAttribute(Keys.RUNTIME, s.runtime());
    }
    if (s.threads() > 0) {
      span.setAttribute(Keys.THREADS, (long) s.threads());
    }
    if (s.prefillNanos() > 0) {
      span.setAttribute(Keys.PREFILL_DURATION, s.prefillNanos() / 1e9);
    }
    if (s.decodeNanos() > 0) {
      span.setAttribute(Keys.DECODE_DURATION, s.decodeNanos() / 1e9);
    }
    if (s.timeToFirstTokenNanos() > 0) {
      span.setAttribute(Keys.TIME_TO_FIRST_TOKEN, s.timeToFirstTokenNanos() / 1e9);
    }
    double tps = s.decodeTokensPerSecond(outputTokens);
    if (tps > 0) {
      span.setAttribute(Keys.DECODE_TOKENS_PER_SECOND, tps);
    }
    if (s.cpuNanos() > 0) {
      span.setAttribute(Keys.CPU_TIME, s.cpuNanos() / 1e9);
    }
    if (s.kvCacheBytes() > 0) {
      span.setAttribute(Keys.KV_CACHE_BYTES, s.kvCacheBytes());
    }
    if (s.batchSize() > 0) {
      span.setAttribute(Keys.BATCH_SIZE, (long) s.batchSize());
    }
    if (s.prefixCacheHitTokens() > 0) {
      span.setAttribute(Keys.PREFIX_CACHE_HIT_TOKENS, (long) s.prefixCacheHitTokens());
      // The convention's name for the same thing: input tokens served from a provider cache.
      span.setAttribute(Keys.USAGE_CACHE_READ_INPUT_TOKENS, (long) s.prefixCacheHitTokens());
    }
  }
}
