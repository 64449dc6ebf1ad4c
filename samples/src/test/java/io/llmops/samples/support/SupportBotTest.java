package io.llmops.samples.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupportBotTest {

  @Test
  void railsRedactBlockStopAndQueue() throws IOException {
    List<SupportBot.Turn> t = SupportBot.run(new String[] {TestFiles.model("stories260K.gguf").toString()});

    assertThat(t.get(0).modelSaw()).contains("<EMAIL_1>").contains("<PERSON_1>").doesNotContain("sarah");
    assertThat(t.get(0).outcome()).isIn("STOP", "LENGTH", "CONTENT_FILTER");

    assertThat(t.get(1).outcome()).isEqualTo("BLOCKED");
    assertThat(t.get(1).findings()).containsExactly("PROMPT_INJECTION");
    assertThat(t.get(1).modelSaw()).isEqualTo("(model not called)");

    assertThat(t.get(2).modelSaw()).contains("<CREDIT_CARD_1>").doesNotContain("4111");

    // Oracle: llama.cpp's greedy text for "Once upon a time" says "...play outside in the park..."; the stream must
    // stop before "park" and what was shown must be a prefix of that reference.
    String reference = Files.readAllLines(TestFiles.reference("stories260K_greedy.txt")).stream()
        .filter(l -> l.startsWith("greedy_text:")).findFirst().orElseThrow()
        .substring("greedy_text: Once upon a time".length());
    SupportBot.Turn story = t.get(3);
    assertThat(story.outcome()).isEqualTo("CONTENT_FILTER");
    assertThat(reference).startsWith(story.answer());
    assertThat(story.answer()).doesNotContain("park").isNotEmpty();

    assertThat(t.get(4).findings()).hasSize(1);
    assertThat(t.get(4).findings().get(0)).contains("<CREDIT_CARD_1>");
  }
}
