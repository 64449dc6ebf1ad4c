package io.llmops.samples.telemetry;

import io.llmops.Models;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.LanguageModel;
import io.llmops.model.SamplingParameters;
import io.llmops.telemetry.GenAiTelemetry;
import io.llmops.telemetry.export.JsonLinesTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Traces one guarded generation on a GGUF model with OpenTelemetry: an application span for the request, the input
 * guardrail's findings recorded on it as events (never the matched text), and the model call's GenAI span as its
 * child, with the engine's timings. Spans and metric points print as JSON lines; with {@value #OTLP_ENDPOINT_ENV}
 * set (e.g. {@code http://localhost:4318}) they also go to an OpenTelemetry collector over OTLP/HTTP.
 *
 * <p>OTLP is opt-in so that the sample runs anywhere. When the endpoint is set but nothing listens there, the
 * exporter's failures are logged by the SDK and the run still succeeds: each export gives up after {@link
 * #OTLP_TIMEOUT}, and closing the SDK waits for at most that long per signal.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp ... io.llmops.samples.telemetry.TracedGeneration
 * ../shared/models/stories260K.gguf}.
 */
public final class TracedGeneration {
  /** The standard OTLP endpoint variable (base URL; {@code /v1/traces} and {@code /v1/metrics} are appended). */
  public static final String OTLP_ENDPOINT_ENV = "OTEL_EXPORTER_OTLP_ENDPOINT";
  /** How long one OTLP export may take before it is given up. */
  public static final Duration OTLP_TIMEOUT = Duration.ofSeconds(2);
  /** The prompt; the guardrail flags its word "dragon". */
  static final String PROMPT = "Once upon a time there was a dragon";

  private TracedGeneration() {}

  /**
   * Builds an SDK that prints spans as they end and metric points at close as JSON lines, and, when {@code
   * otlpEndpoint} is not {@code null}, also exports both over OTLP/HTTP in batches.
   *
   * @param trace where JSON lines go
   * @param otlpEndpoint the collector's base URL, or {@code null} for JSON lines only
   * @return the SDK, not registered globally; close it to flush
   */
  static OpenTelemetrySdk sdk(PrintStream trace, String otlpEndpoint) {
    Resource resource = Resource.getDefault().merge(Resource.builder().put("service.name", "llmops-sample").build());
    SdkTracerProviderBuilder tracing = SdkTracerProvider.builder().setResource(resource)
        .addSpanProcessor(SimpleSpanProcessor.create(JsonLinesTelemetry.spanExporter(trace)));
    SdkMeterProviderBuilder metering = SdkMeterProvider.builder().setResource(resource)
        .registerMetricReader(PeriodicMetricReader.builder(JsonLinesTelemetry.metricExporter(trace))
            .setInterval(Duration.ofDays(1)).build());
    if (otlpEndpoint != null && !otlpEndpoint.isBlank()) {
      String base = otlpEndpoint.endsWith("/") ? otlpEndpoint.substring(0, otlpEndpoint.length() - 1) : otlpEndpoint;
      tracing.addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
          .setEndpoint(base + "/v1/traces").setTimeout(OTLP_TIMEOUT).build()).build());
      metering.registerMetricReader(PeriodicMetricReader.builder(OtlpHttpMetricExporter.builder()
          .setEndpoint(base + "/v1/metrics").setTimeout(OTLP_TIMEOUT).build()).build());
    }
    return OpenTelemetrySdk.builder().setTracerProvider(tracing.build()).setMeterProvider(metering.build()).build();
  }

  /**
   * Runs one guarded, traced greedy completion.
   *
   * @param model the GGUF file
   * @param trace where the JSON lines go
   * @param otlpEndpoint the collector's base URL, or {@code null}
   * @return the completion
   */
  public static CompletionResponse run(Path model, PrintStream trace, String otlpEndpoint) {
    try (OpenTelemetrySdk sdk = sdk(trace, otlpEndpoint)) {
      GenAiTelemetry telemetry = GenAiTelemetry.create(sdk);
      Tracer tracer = sdk.getTracer("io.llmops.samples");
      InputGuardrail guardrail = new WordGuardrail("dragon");
      try (LanguageModel llm = Models.loader().threads(2).contextLength(256).listener(telemetry).load(model)) {
        Span request = tracer.spanBuilder("guarded story").startSpan();
        // The model's span starts on this thread, inside this scope, so it becomes the request span's child.
        try (Scope ignored = request.makeCurrent()) {
          GuardrailResult check = guardrail.check(PROMPT, GuardrailContext.input());
          telemetry.recordGuardrailFindings(request, guardrail.name(), check.findings());
          if (!check.isAccepted()) {
            request.setStatus(StatusCode.ERROR, "blocked by " + guardrail.name());
            throw new IllegalStateException("the input guardrail blocked the prompt: " + check.reason());
          }
          return llm.complete(CompletionRequest.builder(check.textOr(PROMPT))
              .parameters(SamplingParameters.greedy().toBuilder().maxTokens(16).build()).build());
        } finally {
          request.end();
        }
      }
    }
  }

  /**
   * Entry point: prints the story to stdout and the trace to stderr.
   *
   * @param args the model path (default {@code ../shared/models/stories260K.gguf})
   */
  public static void main(String[] args) {
    Path model = Path.of(args.length > 0 ? args[0] : "../shared/models/stories260K.gguf");
    CompletionResponse story = run(model, System.err, System.getenv(OTLP_ENDPOINT_ENV));
    System.out.println(PROMPT + story.text());
  }
}
