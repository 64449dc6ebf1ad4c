package io.llmops.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounter;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;

/**
 * The instruments: the GenAI client and server histograms with the bucket boundaries the conventions recommend
 * ({@code docs/gen-ai/gen-ai-metrics.md}, "This metric SHOULD be specified with ExplicitBucketBoundaries of ..."),
 * passed as advice so an SDK uses them unless a view overrides them; and our cost, CPU-time and guardrail counters.
 * Thread-safe (instruments are).
 */
final class GenAiMetrics {
  static final String CLIENT_OPERATION_DURATION = "gen_ai.client.operation.duration";
  static final String CLIENT_TOKEN_USAGE = "gen_ai.client.token.usage";
  static final String SERVER_REQUEST_DURATION = "gen_ai.server.request.duration";
  static final String SERVER_TIME_TO_FIRST_TOKEN = "gen_ai.server.time_to_first_token";
  static final String SERVER_TIME_PER_OUTPUT_TOKEN = "gen_ai.server.time_per_output_token";
  static final String COST = "llmops.client.cost";
  static final String CPU_TIME = "llmops.client.cpu.time";
  static final String GUARDRAIL_FINDINGS = "llmops.guardrail.findings";

  /** Boundaries for operation and request durations, in seconds. */
  static final List<Double> DURATION_BUCKETS =
      List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  /** Boundaries for token counts. */
  static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L,
      1048576L, 4194304L, 16777216L, 67108864L);
  /** Boundaries for time to first token, in seconds. */
  static final List<Double> TTFT_BUCKETS =
      List.of(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
  /** Boundaries for time per output token, in seconds. */
  static final List<Double> TPOT_BUCKETS =
      List.of(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 2.5);

  final DoubleHistogram clientDuration;
  final LongHistogram tokenUsage;
  final DoubleHistogram serverDuration;
  final DoubleHistogram timeToFirstToken;
  final DoubleHistogram timePerOutputToken;
  final DoubleCounter cost;
  final DoubleCounter cpuTime;
  final LongCounter guardrailFindings;

  GenAiMetrics(Meter meter) {
    clientDuration = meter.histogramBuilder(CLIENT_OPERATION_DURATION).setUnit("s")
        .setDescription("GenAI operation duration.").setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
    tokenUsage = meter.histogramBuilder(CLIENT_TOKEN_USAGE).ofLongs().setUnit("{token}")
        .setDescription("Number of input and output tokens used.").setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
        .build();
    serverDuration = meter.histogramBuilder(SERVER_REQUEST_DURATION).setUnit("s")
        .setDescription("Generative AI server request duration such as time-to-last byte or last output token.")
        .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
    timeToFirstToken = meter.histogramBuilder(SERVER_TIME_TO_FIRST_TOKEN).setUnit("s")
        .setDescription("Time to generate first token for successful responses.")
        .setExplicitBucketBoundariesAdvice(TTFT_BUCKETS).build();
    timePerOutputToken = meter.histogramBuilder(SERVER_TIME_PER_OUTPUT_TOKEN).setUnit("s")
        .setDescription("Time per output token generated after the first token for successful responses.")
        .setExplicitBucketBoundariesAdvice(TPOT_BUCKETS).build();
    cost = meter.counterBuilder(COST).ofDoubles().setUnit("{currency_unit}")
        .setDescription("Measured cost of model calls, in the currency named by llmops.cost.currency.").build();
    cpuTime = meter.counterBuilder(CPU_TIME).ofDoubles().setUnit("s")
        .setDescription("CPU time the engine's threads spent on model calls.").build();
    guardrailFindings = meter.counterBuilder(GUARDRAIL_FINDINGS).setUnit("{finding}")
        .setDescription("Guardrail findings, by guardrail, entity type and action.").build();
  }

  static Attributes withError(Attributes base, String errorType) {
    return base.toBuilder().put(Keys.ERROR_TYPE, errorType).build();
  }
}
