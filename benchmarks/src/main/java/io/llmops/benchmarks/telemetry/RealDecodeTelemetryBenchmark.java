package io.llmops.benchmarks.telemetry;

import io.llmops.Models;
import io.llmops.ModelLoader;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.LanguageModel;
import io.llmops.model.SamplingParameters;
import io.llmops.telemetry.GenAiTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The telemetry listener on a real decode: greedy 32-token completions of stories260K on the CPU runtime (1 thread),
 * reported per generated token, with no listener, with the listener over {@code OpenTelemetry.noop()}, and over a
 * real SDK (spans to a discarding exporter, metrics aggregated). The difference between {@code none} and {@code sdk}
 * is the listener's whole cost per token, request overhead amortised over the 32 tokens. stories260K is the
 * smallest model we have, so its tokens are the cheapest and this is the worst-case relative overhead.
 *
 * <p>The model is {@code -Dllmops.model=PATH}, else {@code shared/models/stories260K.gguf} in the working directory
 * or one of its parents.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class RealDecodeTelemetryBenchmark {
  static final int TOKENS = 32;

  @Param({"none", "noop", "sdk"})
  public String listener;

  private OpenTelemetrySdk sdk;
  private LanguageModel model;
  private CompletionRequest request;

  @Setup
  public void setup() {
    ModelLoader loader = Models.loader().threads(1).contextLength(128);
    if (listener.equals("noop")) {
      loader.listener(GenAiTelemetry.create(OpenTelemetry.noop()));
    } else if (listener.equals("sdk")) {
      sdk = OpenTelemetrySdk.builder()
          .setTracerProvider(SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(new TelemetryOverheadBenchmark.Discard())).build())
          .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build())
          .build();
      loader.listener(GenAiTelemetry.create(sdk));
    }
    model = loader.load(modelFile());
    request = CompletionRequest.builder("Once upon a time")
        .parameters(SamplingParameters.greedy().toBuilder().maxTokens(TOKENS).build()).build();
  }

  static Path modelFile() {
    String property = System.getProperty("llmops.model");
    if (property != null) {
      return Paths.get(property);
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared/models/stories260K.gguf");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("stories260K.gguf not found: pass -Dllmops.model=PATH");
  }

  @TearDown
  public void tearDown() {
    model.close();
    if (sdk != null) {
      sdk.close();
    }
  }

  /** One 32-token greedy completion; JMH divides the time by 32, giving the time per generated token. */
  @Benchmark
  @OperationsPerInvocation(TOKENS)
  public CompletionResponse decode() {
    CompletionResponse r = model.complete(request);
    if (r.usage().outputTokens() != TOKENS) {
      throw new IllegalStateException("expected " + TOKENS + " tokens, got " + r.usage().outputTokens());
    }
    return r;
  }
}
