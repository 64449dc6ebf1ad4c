package io.llmops.runtime.cpu.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * llama.cpp's {@code test-tokenizer-0}: every string of {@code ggml-vocab-X.gguf.inp} must tokenize (no BOS, special
 * text not parsed) to exactly the ids on the matching line of {@code .out}. The oracle is llama.cpp itself.
 */
class LlamaCppFixturesTest {
  private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

  @ParameterizedTest
  @ValueSource(strings = {"bert-bge", "deepseek-coder", "deepseek-llm", "falcon", "gpt-2", "llama-spm", "mpt",
      "phi-3", "refact", "starcoder"})
  void matchesLlamaCpp(String name) throws Exception {
    Path gguf = TestFiles.model("vocab/ggml-vocab-" + name + ".gguf");
    List<String> inputs = readInputs(Path.of(gguf + ".inp"));
    List<String> expected = Files.readAllLines(Path.of(gguf + ".out"), StandardCharsets.UTF_8);
    assertThat(expected).hasSize(inputs.size());
    GgufTokenizer tokenizer;
    try (GgufFile f = GgufFile.open(gguf)) {
      tokenizer = GgufTokenizer.from(f);
    }
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      String want = expected.get(i).trim();
      int[] ids = tokenizer.encode(inputs.get(i), false, false);
      String got = Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" "));
      if (!got.equals(want)) {
        mismatches.add("#" + i + " " + escape(inputs.get(i)) + "\n   want " + want + "\n   got  " + got);
      }
    }
    assertThat(mismatches).as(name + " mismatches").isEmpty();
  }

  static List<String> readInputs(Path inp) throws Exception {
    String all = Files.readString(inp, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    int from = 0;
    while (from < all.length()) {
      int at = all.indexOf(SEPARATOR, from);
      if (at < 0) {
        break;
      }
      out.add(all.substring(from, at));
      from = at + SEPARATOR.length();
    }
    return out;
  }

  static String escape(String s) {
    return "\"" + s.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r") + "\"";
  }
}
