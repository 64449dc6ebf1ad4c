package io.llmops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.testing.TestFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectAndTokenizeTest {

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = LlmopsCommand.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void tokenizeMatchesLlamaCppPromptIds() throws IOException {
    Path model = TestFiles.model("stories260K.gguf");
    String expected = Files.readAllLines(TestFiles.reference("stories260K_greedy.txt")).stream()
        .filter(l -> l.startsWith("prompt_ids:")).findFirst().orElseThrow().substring("prompt_ids:".length()).trim();
    String[] r = run("tokenize", "-m", model.toString(), "Once upon a time");
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1].trim()).isEqualTo(expected);
    String[] noBos = run("tokenize", "-m", model.toString(), "--no-bos", "Once upon a time");
    assertThat(noBos[1].trim()).isEqualTo(expected.substring(expected.indexOf(' ') + 1));
  }

  @Test
  void tokenizeReadsAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Path text = Files.writeString(dir.resolve("t.txt"), "Once upon a time");
    String[] r = run("tokenize", "-m", TestFiles.model("stories260K.gguf").toString(), "--file", text.toString());
    assertThat(r[1].trim()).startsWith("1 403");
  }

  @Test
  void inspectShowsMetadataAndTensors() {
    String[] r = run("inspect", "-m", TestFiles.model("stories260K.gguf").toString());
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[1]).contains("general.architecture").contains("llama").contains("token_embd.weight")
        .contains("F32");
  }

  @Test
  void missingModelIsAClearErrorListingTheCache() {
    String[] r = run("inspect", "-m", "no-such-model");
    assertThat(r[0]).isEqualTo("1");
    assertThat(r[2]).contains("model 'no-such-model' is not a file and not in the cache");
  }

  @Test
  void cacheResolvesNamesWithOrWithoutExtensionAndRejectsEscapes(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Files.createDirectories(dir.resolve("org/repo"));
    Files.writeString(dir.resolve("org/repo/m.gguf"), "x");
    ModelCache cache = new ModelCache(dir);
    assertThat(cache.resolve("org/repo/m")).isEqualTo(dir.resolve("org/repo/m.gguf"));
    assertThat(cache.list()).isEqualTo(List.of("org/repo/m.gguf"));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> cache.resolve("../../etc/passwd"))
        .isInstanceOf(io.llmops.ModelLoadException.class);
  }
}
