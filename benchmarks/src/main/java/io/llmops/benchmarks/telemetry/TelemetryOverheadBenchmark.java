package io.llmops.benchmarks.telemetry;

import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.GeneratedToken;
import io.llmops.model.GenerationStats;
import io.llmops.model.ModelInfo;
import io.llmops.model.TokenUsage;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.Operation;
import io.llmops.telemetry.GenAiTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the telemetry listener itself, with no model: one request lifecycle (onRequest, onResponse) and one
 * onToken, without an SDK ({@code OpenTelemetry.noop()}) and with a real SDK (spans through a simple processor to a
 * discarding exporter, metrics aggregated). Compare the per-token figure with the engine's time per token to get the
 * relative decode overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TelemetryOverheadBenchmark {
  @Param({"noop", "sdk"})
  public String otel;

  private OpenTelemetrySdk sdk;
  private GenAiTelemetry telemetry;
  private ChatRequest request;
  private ChatResponse response;
  private ModelInfo model;
  private ModelCallContext streaming;
  private final GeneratedToken token = GeneratedToken.of(1, "x");

  @Setup
  public void setup() {
    OpenTelemetry o = OpenTelemetry.noop();
    if (otel.equals("sdk")) {
      sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(new Discard()))
              .build())
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build())
          .build();
      o = sdk;
    }
    telemetry = GenAiTelemetry.create(o);
    model = ModelInfo.builder().name("stories110M").runtime("cpu").quantization("Q8_0").build();
    request = ChatRequest.of("Tell me a story");
    response = ChatResponse.of(CompletionResponse.builder().id("r").model("stories110M").text("Once")
        .finishReason(FinishReason.STOP).usage(new TokenUsage(12, 64))
        .stats(GenerationStats.builder().runtime("cpu").threads(2).prefillNanos(1_000_000).decodeNanos(50_000_000)
            .timeToFirstTokenNanos(1_200_000).totalNanos(51_000_000).cpuNanos(90_000_000).build())
        .build());
    streaming = newContext();
    telemetry.onRequest(streaming, request);
  }

  @TearDown
  public void tearDown() {
    if (sdk != null) {
      sdk.close();
    }
  }

  private ModelCallContext newContext() {
    return new ModelCallContext("r", Operation.CHAT, model, request.parameters(), request.attributes());
  }

  /** One request without tokens: context creation (the runtime's cost, included), onRequest and onResponse. */
  @Benchmark
  public void request() {
    ModelCallContext ctx = newContext();
    telemetry.onRequest(ctx, request);
    telemetry.onResponse(ctx, response);
  }

  /** One generated token on an open call. */
  @Benchmark
  public void token() {
    telemetry.onToken(streaming, token);
  }

  /** Discards spans after the SDK built them. */
  static final class Discard implements SpanExporter {
    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
