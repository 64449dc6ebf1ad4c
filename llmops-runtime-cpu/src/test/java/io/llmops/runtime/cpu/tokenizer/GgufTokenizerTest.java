package io.llmops.runtime.cpu.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.ModelLoadException;
import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.gguf.GgufValue;
import io.llmops.runtime.cpu.gguf.GgufWriter;
import io.llmops.testing.TestFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GgufTokenizerTest {
  @TempDir Path dir;

  static GgufTokenizer load(String model) {
    try (GgufFile f = GgufFile.open(TestFiles.model(model))) {
      return GgufTokenizer.from(f);
    }
  }

  @Test
  void stories260kPromptMatchesLlamaCpp() {
    GgufTokenizer t = load("stories260K.gguf");
    // shared/models/README.md: llama.cpp tokenizes "Once upon a time" (BOS added) as 1 403 407 261 378.
    assertThat(t.encode("Once upon a time")).containsExactly(1, 403, 407, 261, 378);
    assertThat(t.vocabularySize()).isEqualTo(512);
    assertThat(t.bosId()).isEqualTo(1);
    assertThat(t.eosId()).isEqualTo(2);
    assertThat(t.isEndOfGeneration(2)).isTrue();
    assertThat(t.decode(new int[] {1, 403, 407, 261, 378})).isEqualTo("Once upon a time");
    // Special text is plain text unless parsing is asked for.
    assertThat(t.encode("<s>", false, true)).containsExactly(1);
    assertThat(t.encode("<s>", false, false)).doesNotContain(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama-spm", "gpt-2", "deepseek-llm", "falcon", "starcoder", "phi-3"})
  void roundTripsText(String name) {
    GgufTokenizer t = load("vocab/ggml-vocab-" + name + ".gguf");
    for (String s : new String[] {"Hello world", " leading space", "tabs\tand\nnewlines\n\n",
        "emoji 🦙🚀 and CJK 日本語の文章", "Führer ½ ünïcödé", "3333333 + 22 = ?", ""}) {
      assertThat(t.decode(t.encode(s, false, false))).as("%s: %s", name, s).isEqualTo(s);
    }
  }

  @Test
  void spmByteFallbackStreamsWholeCodePoints() {
    GgufTokenizer t = load("stories260K.gguf"); // 512 tokens: most non-ASCII text falls back to <0xXX> bytes
    String text = "Llama 🦙 says 日本";
    int[] ids = t.encode(text, false, false);
    StreamingDecoder d = t.streamingDecoder(true);
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      String part = d.accept(id);
      for (int i = 0; i < part.length(); i++) {
        assertThat(Character.isSurrogate(part.charAt(i)) && !part.codePoints().allMatch(Character::isValidCodePoint))
            .isFalse();
      }
      assertThat(part).doesNotContain("\uFFFD");
      sb.append(part);
    }
    sb.append(d.flush());
    assertThat(sb.toString()).isEqualTo(text);
    // The emoji is four byte tokens: nothing comes out until the last one.
    int emojiStart = 0;
    while (!t.tokenText(ids[emojiStart]).equals("<0xF0>")) {
      emojiStart++;
    }
    StreamingDecoder d2 = t.streamingDecoder();
    assertThat(d2.accept(ids[emojiStart])).isEmpty();
    assertThat(d2.accept(ids[emojiStart + 1])).isEmpty();
    assertThat(d2.accept(ids[emojiStart + 2])).isEmpty();
    assertThat(d2.accept(ids[emojiStart + 3])).isEqualTo("🦙");
  }

  @Test
  void byteLevelBpeStreamsWholeCodePoints() {
    GgufTokenizer t = load("vocab/ggml-vocab-gpt-2.gguf");
    String text = "日本語 🦙 ok";
    StreamingDecoder d = t.streamingDecoder();
    StringBuilder sb = new StringBuilder();
    boolean heldBack = false;
    for (int id : t.encode(text, false, false)) {
      String part = d.accept(id);
      heldBack |= part.isEmpty();
      assertThat(part).doesNotContain("\uFFFD");
      sb.append(part);
    }
    assertThat(heldBack).as("some token ended inside a character").isTrue();
    assertThat(sb.append(d.flush()).toString()).isEqualTo(text);
  }

  @Test
  void completePrefixHoldsOnlyIncompleteSequences() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    assertThat(StreamingDecoder.completePrefix(new byte[] {'a', euro[0]})).isEqualTo(1);
    assertThat(StreamingDecoder.completePrefix(new byte[] {'a', euro[0], euro[1]})).isEqualTo(1);
    assertThat(StreamingDecoder.completePrefix(euro)).isEqualTo(3);
    assertThat(StreamingDecoder.completePrefix(new byte[] {(byte) 0x80})).isEqualTo(1); // stray: emit as U+FFFD
    assertThat(StreamingDecoder.completePrefix(new byte[] {(byte) 0xFF})).isEqualTo(1);
  }

  @Test
  void addsBosAndEosAsConfigured() {
    GgufTokenizer spm = load("vocab/ggml-vocab-llama-spm.gguf");
    assertThat(spm.encode("Hello")).startsWith(1).hasSize(2);
    GgufTokenizer bert = load("vocab/ggml-vocab-bert-bge.gguf");
    assertThat(bert.encode("hello", true, false)).startsWith(101).endsWith(102);
    GgufTokenizer coder = load("vocab/ggml-vocab-deepseek-coder.gguf");
    assertThat(coder.encode("x", true, false)[0]).isEqualTo(32013);
  }

  @Test
  void longInputIsTokenizedWithoutQuadraticBlowUp() {
    GgufTokenizer t = load("vocab/ggml-vocab-gpt-2.gguf");
    String text = "The quick brown fox jumps over the lazy dog. ".repeat(1000) + "x".repeat(20_000);
    int[] ids = t.encode(text, false, false);
    assertThat(t.decode(ids)).isEqualTo(text);
  }

  @Test
  void rejectsUnknownTokenizerKinds() {
    Path p = dir.resolve("v.gguf");
    GgufWriter.create().putString("tokenizer.ggml.model", "t9")
        .put("tokenizer.ggml.tokens", GgufValue.ofStringArray("a")).writeTo(p);
    try (GgufFile f = GgufFile.open(p)) {
      assertThatThrownBy(() -> GgufTokenizer.from(f)).isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("unsupported tokenizer 't9'");
    }
    GgufWriter.create().putString("tokenizer.ggml.model", "gpt2").putString("tokenizer.ggml.pre", "nope")
        .put("tokenizer.ggml.tokens", GgufValue.ofStringArray("a"))
        .put("tokenizer.ggml.merges", GgufValue.ofStringArray()).writeTo(p);
    try (GgufFile f = GgufFile.open(p)) {
      assertThatThrownBy(() -> GgufTokenizer.from(f)).isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("unknown pre-tokenizer type 'nope'");
    }
  }
}
