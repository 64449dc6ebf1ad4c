package io.llmops.samples.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TracedGenerationTest {
  private static final Pattern SPAN_ID = Pattern.compile("\"spanId\":\"([0-9a-f]{16})\"");

  private static List<String> runSample(String otlpEndpoint) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CompletionResponse r = TracedGeneration.run(TestFiles.model("stories260K.gguf"),
        new PrintStream(bytes, true, StandardCharsets.UTF_8), otlpEndpoint);
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.usage().outputTokens()).isEqualTo(16);
    return bytes.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
  }

  private static void assertGuardedTrace(List<String> lines) {
    List<String> spans = lines.stream().filter(l -> l.startsWith("{\"signal\":\"span\"")).collect(Collectors.toList());
    assertThat(spans).hasSize(2);
    // The model span ends first, inside the request span.
    String model = spans.get(0);
    String request = spans.get(1);
    assertThat(model).contains("\"name\":\"text_completion llama\"", "\"gen_ai.usage.output_tokens\":16",
        "\"llmops.runtime\":\"cpu\"");
    assertThat(request).contains("\"name\":\"guarded story\"", "\"name\":\"llmops.guardrail.finding\"",
        "\"llmops.guardrail.name\":\"word-list\"", "\"llmops.guardrail.entity_type\":\"FLAGGED_WORD\"",
        "\"llmops.guardrail.action\":\"review\"",
        "\"llmops.guardrail.start\":" + TracedGeneration.PROMPT.indexOf("dragon"),
        "\"llmops.guardrail.end\":" + TracedGeneration.PROMPT.length());
    Matcher id = SPAN_ID.matcher(request);
    assertThat(id.find()).isTrue();
    assertThat(model).contains("\"parentSpanId\":\"" + id.group(1) + "\"");
    assertThat(String.join("\n", lines)).doesNotContainIgnoringCase("dragon");
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"name\":\"llmops.guardrail.findings\"",
        "\"value\":1"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"name\":\"gen_ai.client.token.usage\""));
  }

  @Test
  void printsTheGuardedTraceWithoutOtlp() {
    assertGuardedTrace(runSample(null));
  }

  @Test
  void anOtlpEndpointWhereNothingListensDoesNotFailTheSample() throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    assertGuardedTrace(runSample("http://127.0.0.1:" + port + "/"));
  }

  @Test
  void theGuardrailFlagsWholeWordsOnlyAndNeverBlocks() {
    WordGuardrail g = new WordGuardrail("Dragon");
    GuardrailResult r = g.check("a DRAGON, dragons and a dragon", GuardrailContext.input());
    assertThat(r.isAccepted()).isTrue();
    assertThat(r.findings()).extracting(f -> f.start()).containsExactly(2, 24);
    assertThat(r.action()).isEqualTo(GuardrailAction.REVIEW);
    assertThat(g.check("no such word", GuardrailContext.input()).findings()).isEmpty();
  }
}
