package io.llmops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.testing.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class GenerateAndChatTest {

  @Test
  void generatePrintsOnlyTheGreedyTextOnStdoutAndTimingsOnStderr() throws IOException {
    String expected = Files.readAllLines(TestFiles.reference("stories260K_greedy.txt")).stream()
        .filter(l -> l.startsWith("greedy_text:")).findFirst().orElseThrow()
        .substring("greedy_text: Once upon a time".length());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LlmopsCommand.execute(new PrintWriter(out), new PrintWriter(err), "generate", "-m",
        TestFiles.model("stories260K.gguf").toString(), "-p", "Once upon a time", "-n", "32", "--temp", "0",
        "-t", "1");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).isEqualTo(expected + System.lineSeparator());
    assertThat(err.toString()).contains("prompt 5 tokens").contains("generated 32 tokens").contains("tok/s")
        .contains("finish length").contains("runtime cpu");
  }

  @Test
  void impossibleSamplingParametersAreAUsageErrorNamingTheFlag() {
    StringWriter err = new StringWriter();
    int code = LlmopsCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "generate", "-m",
        TestFiles.model("stories260K.gguf").toString(), "-p", "x", "--top-p", "2");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("topP must be in (0, 1]");
  }

  @Test
  void chatReadsTurnsFromStdinAndStreamsAnswers() {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream("Tell me a story\n/reset\nAnother one\n/exit\n"
          .getBytes(StandardCharsets.UTF_8)));
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = LlmopsCommand.execute(new PrintWriter(out), new PrintWriter(err), "chat", "-m",
          TestFiles.model("stories260K.gguf").toString(), "-n", "12", "--temp", "0", "--timings");
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString().lines().filter(l -> !l.isBlank()).count()).isEqualTo(2);
      assertThat(err.toString()).contains("chatting with").contains("generated 12 tokens");
    } finally {
      System.setIn(stdin);
    }
  }
}
