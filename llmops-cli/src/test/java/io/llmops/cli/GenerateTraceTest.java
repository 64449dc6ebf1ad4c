package io.llmops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.Models;
import io.llmops.model.LanguageModel;
import io.llmops.testing.TestFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@code llmops generate --trace} on stories260K: the text alone on stdout, the run's telemetry on stderr. */
class GenerateTraceTest {

  /** The first {@code n} of llama.cpp's greedy continuation ids, decoded by the model's tokenizer. */
  private static String referenceContinuation(Path model, int n) throws IOException {
    String ids = Files.readAllLines(TestFiles.reference("stories260K_greedy.txt")).stream()
        .filter(l -> l.startsWith("greedy_ids:")).findFirst().orElseThrow().substring("greedy_ids:".length()).trim();
    int[] first = Arrays.stream(ids.split(" ")).limit(n).mapToInt(Integer::parseInt).toArray();
    try (LanguageModel m = Models.loader().load(model)) {
      return m.tokenizer().decode(first);
    }
  }

  @Test
  void traceprintsTheSpanAndMetricsToStderrAndOnlyTheTextToStdout() throws IOException {
    Path model = TestFiles.model("stories260K.gguf");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LlmopsCommand.execute(new PrintWriter(out), new PrintWriter(err), "generate", "-m", model.toString(),
        "-p", "Once upon a time", "-n", "8", "--temp", "0", "--trace");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo(referenceContinuation(model, 8) + System.lineSeparator());

    List<String> json = err.toString().lines().filter(l -> l.startsWith("{")).collect(Collectors.toList());
    List<String> spans = json.stream().filter(l -> l.startsWith("{\"signal\":\"span\"")).collect(Collectors.toList());
    assertThat(spans).hasSize(1);
    assertThat(spans.get(0)).contains("\"gen_ai.operation.name\":\"text_completion\"",
        "\"gen_ai.provider.name\":\"llmops\"", "\"gen_ai.usage.output_tokens\":8", "\"gen_ai.usage.input_tokens\":5",
        "\"gen_ai.request.temperature\":0", "\"gen_ai.response.finish_reasons\":[\"length\"]",
        "\"llmops.runtime\":\"cpu\"", "\"llmops.model.quantization\":\"F32\"", "\"llmops.prefill.duration\":",
        "\"llmops.decode.duration\":", "\"llmops.kv_cache.bytes\":", "\"status\":{\"code\":\"UNSET\"}");
    assertThat(spans.get(0)).doesNotContain("Once upon a time");
    List<String> metricNames = json.stream().filter(l -> l.startsWith("{\"signal\":\"metric\""))
        .map(l -> l.replaceFirst("^.*?\"name\":\"([^\"]+)\".*$", "$1")).distinct().collect(Collectors.toList());
    assertThat(metricNames).containsExactlyInAnyOrder("gen_ai.client.operation.duration",
        "gen_ai.client.token.usage", "gen_ai.server.request.duration", "gen_ai.server.time_to_first_token",
        "gen_ai.server.time_per_output_token", "llmops.client.cpu.time");
    assertThat(json).anySatisfy(l -> assertThat(l).contains("\"name\":\"gen_ai.client.token.usage\"",
        "\"gen_ai.token.type\":\"output\"", "\"count\":1", "\"sum\":8"));
    // The timings line stays, before the metrics (they are flushed when the SDK closes, after the model).
    String[] errLines = err.toString().split("\\R");
    assertThat(errLines).anySatisfy(l -> assertThat(l).doesNotStartWith("{"));
    assertThat(errLines[errLines.length - 1]).startsWith("{\"signal\":\"metric\"");
  }

  @Test
  void withoutTraceStderrHasNoJson() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LlmopsCommand.execute(new PrintWriter(out), new PrintWriter(err), "generate", "-m",
        TestFiles.model("stories260K.gguf").toString(), "-p", "Once upon a time", "-n", "2", "--temp", "0");
    assertThat(code).isZero();
    assertThat(err.toString()).doesNotContain("{\"signal\"");
  }
}
