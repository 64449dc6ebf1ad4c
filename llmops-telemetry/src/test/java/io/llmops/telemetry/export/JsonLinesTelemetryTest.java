package io.llmops.telemetry.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.GenerationStats;
import io.llmops.model.ModelInfo;
import io.llmops.model.TokenUsage;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.Operation;
import io.llmops.telemetry.GenAiTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonLinesTelemetryTest {

  @Test
  void printsTheSpanWhenItEndsAndMetricPointsAtClose() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ModelInfo model = ModelInfo.builder().name("m\"1").runtime("cpu").build();
    ChatRequest request = ChatRequest.of("hi");
    try (OpenTelemetrySdk sdk = JsonLinesTelemetry.create(out)) {
      GenAiTelemetry telemetry = GenAiTelemetry.create(sdk);
      ModelCallContext ctx = new ModelCallContext("id-1", Operation.CHAT, model, request.parameters(),
          request.attributes());
      telemetry.onRequest(ctx, request);
      telemetry.onResponse(ctx, ChatResponse.of(CompletionResponse.builder().id("id-1").model("m\"1").text("x")
          .finishReason(FinishReason.STOP).usage(new TokenUsage(3, 1))
          .stats(GenerationStats.builder().totalNanos(5_000_000).build()).build()));
      List<String> beforeClose = lines(bytes);
      assertThat(beforeClose).hasSize(1);
      assertThat(beforeClose.get(0)).startsWith("{\"signal\":\"span\",\"traceId\":\"")
          .contains("\"name\":\"chat m\\\"1\"", "\"kind\":\"INTERNAL\"", "\"gen_ai.usage.input_tokens\":3",
              "\"gen_ai.response.finish_reasons\":[\"stop\"]", "\"status\":{\"code\":\"UNSET\"}")
          .endsWith("\"events\":[]}");
    }
    List<String> all = lines(bytes);
    assertThat(all).anySatisfy(l -> assertThat(l)
        .contains("\"signal\":\"metric\"", "\"name\":\"gen_ai.server.request.duration\"", "\"sum\":0.005",
            "\"count\":1"));
    assertThat(all).anySatisfy(l -> assertThat(l).contains("\"name\":\"gen_ai.client.token.usage\"",
        "\"gen_ai.token.type\":\"input\"", "\"sum\":3"));
  }

  private static List<String> lines(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
