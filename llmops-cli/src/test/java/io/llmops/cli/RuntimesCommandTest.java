package io.llmops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RuntimesCommandTest {

  @Test
  void listsTheCudaProviderWithItsReason() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LlmopsCommand.execute(new PrintWriter(out), new PrintWriter(err), "runtimes");
    assertThat(out.toString()).contains("RUNTIME").contains("cuda").contains("300");
    if (!new java.io.File("/dev/nvidiactl").exists()) {
      assertThat(out.toString()).contains("no CUDA driver");
    }
    assertThat(code).isIn(0, 1);
  }

  @Test
  void unknownCommandIsAUsageError() {
    StringWriter err = new StringWriter();
    assertThat(LlmopsCommand.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "nonsense"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument");
  }
}
