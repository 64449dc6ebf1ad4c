package io.llmops.telemetry;

import static io.llmops.telemetry.Fixtures.STATS;
import static io.llmops.telemetry.Fixtures.context;
import static io.llmops.telemetry.Fixtures.request;
import static io.llmops.telemetry.Fixtures.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmops.ContextLengthExceededException;
import io.llmops.model.ChatRequest;
import io.llmops.model.FinishReason;
import io.llmops.observation.ModelCallContext;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenAiTelemetryMetricsTest {
  private static final Attributes BASE = Attributes.builder().put("gen_ai.operation.name", "chat")
      .put("gen_ai.provider.name", "llmops").put("gen_ai.request.model", "stories260K").build();

  private final TestSdk otel = new TestSdk();

  @AfterEach
  void close() {
    otel.close();
  }

  private static HistogramPointData onlyHistogramPoint(List<MetricData> all, String name) {
    MetricData m = TestSdk.metric(all, name).orElseThrow(() -> new AssertionError("no metric " + name));
    assertThat(m.getHistogramData().getPoints()).hasSize(1);
    return m.getHistogramData().getPoints().iterator().next();
  }

  @Test
  void clientAndServerHistogramsUseTheConventionsBucketsAndEngineTimings() {
    GenAiTelemetry telemetry = GenAiTelemetry.create(otel.sdk);
    ChatRequest request = request();
    ModelCallContext ctx = context("m-1", request);
    telemetry.onRequest(ctx, request);
    telemetry.onResponse(ctx, response("m-1", FinishReason.STOP, 12, 10, STATS));
    List<MetricData> all = otel.collect();

    HistogramPointData client = onlyHistogramPoint(all, "gen_ai.client.operation.duration");
    assertThat(client.getAttributes().asMap()).isEqualTo(BASE.asMap());
    assertThat(client.getBoundaries()).isEqualTo(GenAiMetrics.DURATION_BUCKETS);
    assertThat(TestSdk.metric(all, "gen_ai.client.operation.duration").orElseThrow().getUnit()).isEqualTo("s");

    MetricData usage = TestSdk.metric(all, "gen_ai.client.token.usage").orElseThrow();
    assertThat(usage.getUnit()).isEqualTo("{token}");
    assertThat(usage.getHistogramData().getPoints().stream()
        .collect(Collectors.toMap(p -> p.getAttributes().get(Keys.TOKEN_TYPE), HistogramPointData::getSum)))
        .containsEntry("input", 12.0).containsEntry("output", 10.0).hasSize(2);
    usage.getHistogramData().getPoints().forEach(p -> assertThat(p.getBoundaries())
        .isEqualTo(List.of(1.0, 4.0, 16.0, 64.0, 256.0, 1024.0, 4096.0, 16384.0, 65536.0, 262144.0, 1048576.0,
            4194304.0, 16777216.0, 67108864.0)));

    HistogramPointData server = onlyHistogramPoint(all, "gen_ai.server.request.duration");
    assertThat(server.getSum()).isEqualTo(0.205); // GenerationStats.totalNanos, not the listener's clock
    assertThat(server.getBoundaries()).isEqualTo(GenAiMetrics.DURATION_BUCKETS);

    HistogramPointData ttft = onlyHistogramPoint(all, "gen_ai.server.time_to_first_token");
    assertThat(ttft.getSum()).isEqualTo(0.025);
    assertThat(ttft.getBoundaries()).containsExactly(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5,
        0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

    HistogramPointData tpot = onlyHistogramPoint(all, "gen_ai.server.time_per_output_token");
    // (request duration - time to first token) / (output tokens - 1) = (0.205 - 0.025) / 9
    assertThat(tpot.getSum()).isCloseTo(0.02, within(1e-12));
    assertThat(tpot.getBoundaries()).containsExactly(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75,
        1.0, 2.5);

    MetricData cpu = TestSdk.metric(all, "llmops.client.cpu.time").orElseThrow();
    assertThat(cpu.getDoubleSumData().getPoints().iterator().next().getValue()).isEqualTo(0.36);
    assertThat(TestSdk.metric(all, "llmops.client.cost")).as("no price table, no cost").isEmpty();
  }

  @Test
  void failuresCarryErrorTypeAndSkipTheSuccessOnlyServerMetrics() {
    GenAiTelemetry telemetry = GenAiTelemetry.create(otel.sdk);
    ChatRequest request = request();
    ModelCallContext ctx = context("m-2", request);
    telemetry.onRequest(ctx, request);
    telemetry.onError(ctx, new ContextLengthExceededException(600, 512));
    List<MetricData> all = otel.collect();

    HistogramPointData client = onlyHistogramPoint(all, "gen_ai.client.operation.duration");
    assertThat(client.getAttributes().asMap()).isEqualTo(BASE.toBuilder()
        .put("error.type", "io.llmops.ContextLengthExceededException").build().asMap());
    assertThat(TestSdk.metric(all, "gen_ai.server.time_to_first_token")).isEmpty();
    assertThat(TestSdk.metric(all, "gen_ai.client.token.usage")).isEmpty();
  }

  @Test
  void cancelledResponsesRecordUsageButNoTimeToFirstToken() {
    GenAiTelemetry telemetry = GenAiTelemetry.create(otel.sdk);
    ChatRequest request = request();
    ModelCallContext ctx = context("m-3", request);
    telemetry.onRequest(ctx, request);
    telemetry.onResponse(ctx, response("m-3", FinishReason.CANCELLED, 12, 3, STATS));
    List<MetricData> all = otel.collect();
    assertThat(TestSdk.metric(all, "gen_ai.client.token.usage")).isPresent();
    assertThat(TestSdk.metric(all, "gen_ai.server.time_to_first_token")).isEmpty();
    assertThat(TestSdk.metric(all, "gen_ai.server.time_per_output_token")).isEmpty();
  }

  @Test
  void costIsMeasuredFromTokensAndCpuTimeAndExportedWithItsCurrency() {
    PriceTable prices = PriceTable.builder()
        .price("stories260K", new Price("USD", 1.0, 2.0, 3.6, 0)).build();
    GenAiTelemetry telemetry = GenAiTelemetry.builder(otel.sdk).priceTable(prices).build();
    ChatRequest request = request();
    ModelCallContext ctx = context("m-4", request);
    telemetry.onRequest(ctx, request);
    telemetry.onResponse(ctx, response("m-4", FinishReason.STOP, 12, 10, STATS));

    // 12/1000 * 1.0 + 10/1000 * 2.0 + 0.36 s / 3600 * 3.6 = 0.012 + 0.02 + 0.00036
    double expected = 0.03236;
    assertThat(otel.onlySpan().getAttributes().get(Keys.COST_AMOUNT)).isCloseTo(expected, within(1e-12));
    assertThat(otel.onlySpan().getAttributes().get(Keys.COST_CURRENCY)).isEqualTo("USD");
    DoublePointData point = TestSdk.metric(otel.collect(), "llmops.client.cost").orElseThrow().getDoubleSumData()
        .getPoints().iterator().next();
    assertThat(point.getValue()).isCloseTo(expected, within(1e-12));
    assertThat(point.getAttributes().get(Keys.COST_CURRENCY)).isEqualTo("USD");
  }

  @Test
  void engineGaugesReadTheSourceAtCollectionUntilClosed() throws Exception {
    GenAiTelemetry telemetry = GenAiTelemetry.create(otel.sdk);
    long[] queued = {3};
    EngineGaugeSource source = new EngineGaugeSource() {
      @Override
      public long queuedRequests() {
        return queued[0];
      }

      @Override
      public long runningSequences() {
        return 2;
      }

      @Override
      public long kvCacheUsedBytes() {
        return 1 << 20;
      }

      @Override
      public long kvCacheCapacityBytes() {
        return 1 << 24;
      }
    };
    AutoCloseable registration = telemetry.registerEngineGauges("stories260K", source);
    List<MetricData> all = otel.collect();
    assertThat(gauge(all, "llmops.engine.queue.size")).isEqualTo(3);
    assertThat(gauge(all, "llmops.engine.sequences.running")).isEqualTo(2);
    assertThat(gauge(all, "llmops.engine.kv_cache.usage")).isEqualTo(1 << 20);
    assertThat(gauge(all, "llmops.engine.kv_cache.capacity")).isEqualTo(1 << 24);
    queued[0] = 5;
    assertThat(gauge(otel.collect(), "llmops.engine.queue.size")).isEqualTo(5);
    registration.close();
    assertThat(TestSdk.metric(otel.collect(), "llmops.engine.queue.size")).isEmpty();
  }

  private static long gauge(List<MetricData> all, String name) {
    MetricData m = TestSdk.metric(all, name).orElseThrow(() -> new AssertionError("no gauge " + name));
    LongPointData p = m.getLongGaugeData().getPoints().iterator().next();
    assertThat(p.getAttributes().get(Keys.REQUEST_MODEL)).isEqualTo("stories260K");
    return p.getValue();
  }
}
