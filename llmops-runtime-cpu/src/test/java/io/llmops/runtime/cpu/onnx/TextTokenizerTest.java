package io.llmops.runtime.cpu.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.ModelLoadException;
import io.llmops.runtime.cpu.onnx.TextTokenizer.EncodedBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTokenizerTest {
  private static TextTokenizer tokenizer;

  @BeforeAll
  static void load() {
    tokenizer = TextTokenizer.fromResource(OnnxEmbeddingModel.BUNDLED_TOKENIZER, 8);
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void encodesWithBertSpecialTokensAndUncasedVocabulary() {
    // bert-base-uncased vocabulary: [CLS]=101, [SEP]=102, "hello"=7592, "world"=2088 (lower-cased by the normaliser).
    EncodedBatch batch = tokenizer.encode(List.of("Hello WORLD"));
    assertThat(batch.rows()).isEqualTo(1);
    assertThat(batch.seq()).isEqualTo(4);
    assertThat(batch.ids()).containsExactly(101, 7592, 2088, 102);
    assertThat(batch.mask()).containsExactly(1, 1, 1, 1);
    assertThat(batch.typeIds()).containsExactly(0, 0, 0, 0);
  }

  @Test
  void padsToTheLongestTextWithTheTokenizersPadToken() {
    // The JSON declares fixed padding to 128; ours pads to the longest of the batch with [PAD]=0 and mask 0.
    EncodedBatch batch = tokenizer.encode(List.of("hello", "hello world"));
    assertThat(batch.seq()).isEqualTo(4);
    assertThat(batch.ids()).containsExactly(101, 7592, 102, 0, 101, 7592, 2088, 102);
    assertThat(batch.mask()).containsExactly(1, 1, 1, 0, 1, 1, 1, 1);
  }

  @Test
  void truncatesAtMaxLengthSpecialTokensIncluded() {
    EncodedBatch batch = tokenizer.encode(List.of("hello ".repeat(50)));
    assertThat(batch.seq()).isEqualTo(8);
    assertThat(batch.ids()).containsExactly(101, 7592, 7592, 7592, 7592, 7592, 7592, 102);
  }

  @Test
  void emptyTextIsJustTheSpecialTokens() {
    assertThat(tokenizer.encode(List.of("")).ids()).containsExactly(101, 102);
  }

  @Test
  void missingOrInvalidFileNamesTheFile(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> TextTokenizer.fromFile(missing, 8))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(missing.toString());
    Path garbage = Files.writeString(dir.resolve("tokenizer.json"), "{\"not\": \"a tokenizer\"}");
    assertThatThrownBy(() -> TextTokenizer.fromFile(garbage, 8))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(garbage.toString());
    // A directory resolves to its tokenizer.json.
    assertThatThrownBy(() -> TextTokenizer.fromFile(dir, 8))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining(garbage.toString());
  }

  @Test
  void cacheFallsBackWhenThePreferredFolderCannotBeCreated(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    Path fallback = dir.resolve("tmp").resolve("djl");
    assertThat(TextTokenizer.DjlEnvironment.choose(dir.resolve("home"), fallback)).isEqualTo(dir.resolve("home"));
    assertThat(TextTokenizer.DjlEnvironment.choose(file.resolve("djl"), fallback)).isEqualTo(fallback);
    assertThat(fallback).isDirectory();
    assertThatThrownBy(() -> TextTokenizer.DjlEnvironment.choose(file.resolve("a"), file.resolve("b")))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("DJL_CACHE_DIR");
  }

  @Test
  void nativeLibraryIsExtractedUnderTheConfiguredCache() {
    // Surefire sets DJL_CACHE_DIR to target/djl-cache (see the module POM); nothing goes to ~/.djl.ai.
    Path cache = TextTokenizer.DjlEnvironment.cacheDir();
    assertThat(cache.toString()).contains("djl-cache");
    assertThat(cache.resolve("tokenizers")).isDirectory();
  }
}
