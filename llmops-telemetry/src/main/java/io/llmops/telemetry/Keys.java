package io.llmops.telemetry;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Every attribute key, event and metric name this module emits, in one place so that {@code docs/OBSERVABILITY.md}
 * and the tests can be checked against it.
 *
 * <p>The {@code gen_ai.*} keys follow the OpenTelemetry GenAI semantic conventions (semconv 1.45, status
 * "development"). We declare them here instead of referencing {@code GenAiIncubatingAttributes} at run time because
 * the incubating artifact is an alpha whose keys are renamed between minor versions ({@code gen_ai.system} became
 * {@code gen_ai.provider.name}); a host application that brings another version would then break us. {@code
 * KeysConformanceTest} asserts that each key here equals the convention's constant, so a semconv upgrade shows every
 * drift as a failing test.
 */
final class Keys {
  private Keys() {}

  // --- gen_ai.* (OpenTelemetry GenAI semantic conventions, registry/attributes/gen-ai.md) ---
  static final AttributeKey<String> OPERATION_NAME = stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER_NAME = stringKey("gen_ai.provider.name");
  static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
  static final AttributeKey<Double> REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Double> REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");
  // The convention types top_k as a double (some providers accept fractional values).
  static final AttributeKey<Double> REQUEST_TOP_K = doubleKey("gen_ai.request.top_k");
  static final AttributeKey<Long> REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Long> REQUEST_SEED = longKey("gen_ai.request.seed");
  static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES = stringArrayKey("gen_ai.request.stop_sequences");
  static final AttributeKey<Double> REQUEST_FREQUENCY_PENALTY = doubleKey("gen_ai.request.frequency_penalty");
  static final AttributeKey<Double> REQUEST_PRESENCE_PENALTY = doubleKey("gen_ai.request.presence_penalty");
  static final AttributeKey<String> CONVERSATION_ID = stringKey("gen_ai.conversation.id");
  static final AttributeKey<String> OUTPUT_TYPE = stringKey("gen_ai.output.type");
  static final AttributeKey<String> RESPONSE_ID = stringKey("gen_ai.response.id");
  static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");
  static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS = stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Double> RESPONSE_TIME_TO_FIRST_CHUNK = doubleKey("gen_ai.response.time_to_first_chunk");
  static final AttributeKey<Long> USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS = longKey("gen_ai.usage.cache_read.input_tokens");
  static final AttributeKey<Long> EMBEDDINGS_DIMENSION_COUNT = longKey("gen_ai.embeddings.dimension.count");
  static final AttributeKey<String> TOKEN_TYPE = stringKey("gen_ai.token.type");
  // Opt-in content attributes (JSON strings following the conventions' message schema).
  static final AttributeKey<String> INPUT_MESSAGES = stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
  // gen_ai.evaluation.result event attributes.
  static final AttributeKey<String> EVALUATION_NAME = stringKey("gen_ai.evaluation.name");
  static final AttributeKey<Double> EVALUATION_SCORE_VALUE = doubleKey("gen_ai.evaluation.score.value");
  static final AttributeKey<String> EVALUATION_SCORE_LABEL = stringKey("gen_ai.evaluation.score.label");
  static final AttributeKey<String> EVALUATION_EXPLANATION = stringKey("gen_ai.evaluation.explanation");
  // Stable general convention (registry/attributes/error.md).
  static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

  static final String TOKEN_TYPE_INPUT = "input";
  static final String TOKEN_TYPE_OUTPUT = "output";
  static final String EVENT_EVALUATION_RESULT = "gen_ai.evaluation.result";

  // --- llmops.* (our engine's own measurements; not part of any convention) ---
  static final AttributeKey<String> RUNTIME = stringKey("llmops.runtime");
  static final AttributeKey<String> QUANTIZATION = stringKey("llmops.model.quantization");
  static final AttributeKey<Long> THREADS = longKey("llmops.threads");
  static final AttributeKey<Double> PREFILL_DURATION = doubleKey("llmops.prefill.duration");
  static final AttributeKey<Double> DECODE_DURATION = doubleKey("llmops.decode.duration");
  static final AttributeKey<Double> TIME_TO_FIRST_TOKEN = doubleKey("llmops.time_to_first_token");
  static final AttributeKey<Double> DECODE_TOKENS_PER_SECOND = doubleKey("llmops.decode.tokens_per_second");
  static final AttributeKey<Double> CPU_TIME = doubleKey("llmops.cpu.time");
  static final AttributeKey<Long> KV_CACHE_BYTES = longKey("llmops.kv_cache.bytes");
  static final AttributeKey<Long> BATCH_SIZE = longKey("llmops.batch.size");
  static final AttributeKey<Long> PREFIX_CACHE_HIT_TOKENS = longKey("llmops.prefix_cache.hit_tokens");
  static final AttributeKey<String> TENANT_ID = stringKey("llmops.tenant.id");
  static final AttributeKey<Double> COST_AMOUNT = doubleKey("llmops.cost.amount");
  static final AttributeKey<String> COST_CURRENCY = stringKey("llmops.cost.currency");
  static final AttributeKey<Boolean> CONTENT_TRUNCATED = booleanKey("llmops.content.truncated");

  static final String EVENT_GUARDRAIL_FINDING = "llmops.guardrail.finding";
  static final AttributeKey<String> GUARDRAIL_NAME = stringKey("llmops.guardrail.name");
  static final AttributeKey<String> GUARDRAIL_ENTITY_TYPE = stringKey("llmops.guardrail.entity_type");
  static final AttributeKey<String> GUARDRAIL_ACTION = stringKey("llmops.guardrail.action");
  static final AttributeKey<Double> GUARDRAIL_SCORE = doubleKey("llmops.guardrail.score");
  static final AttributeKey<String> GUARDRAIL_DETAIL = stringKey("llmops.guardrail.detail");
  static final AttributeKey<Long> GUARDRAIL_START = longKey("llmops.guardrail.start");
  static final AttributeKey<Long> GUARDRAIL_END = longKey("llmops.guardrail.end");
}
