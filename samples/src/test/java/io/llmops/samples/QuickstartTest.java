package io.llmops.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class QuickstartTest {

  @Test
  void readmeSampleRunsAndGivesLlamaCppsGreedyText() throws IOException {
    String text = Quickstart.run(new String[] {TestFiles.model("stories260K.gguf").toString()});
    String expected = Files.readAllLines(TestFiles.reference("stories260K_greedy.txt")).stream()
        .filter(l -> l.startsWith("greedy_text:")).findFirst().orElseThrow()
        .substring("greedy_text: Once upon a time".length());
    assertThat(text).isEqualTo(expected);
  }
}
