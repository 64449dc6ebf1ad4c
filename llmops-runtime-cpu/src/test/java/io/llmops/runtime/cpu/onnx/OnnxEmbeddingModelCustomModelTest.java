package io.llmops.runtime.cpu.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmops.ModelLoadException;
import io.llmops.model.Embedding;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written ONNX encoders (an embedding table looked up with {@code Gather}) with the bundled BERT tokenizer: the
 * pooled vector of a text is the mean of known table rows, so the whole pipeline — tokenizer, input wiring, padding,
 * masked pooling — is checked against exact values.
 */
class OnnxEmbeddingModelCustomModelTest {
  private static final int VOCAB = 30522;
  private static final int DIM = 4;
  // bert-base-uncased: [PAD]=0, [CLS]=101, [SEP]=102, "hello"=7592, "world"=2088.
  private static final long[] HELLO = {101, 7592, 102};
  private static final long[] HELLO_WORLD = {101, 7592, 2088, 102};

  @TempDir static Path dir;
  private static Path tokenizer;

  @BeforeAll
  static void copyTokenizer() throws Exception {
    tokenizer = dir.resolve("tokenizer.json");
    try (InputStream in =
        OnnxEmbeddingModel.class.getClassLoader().getResourceAsStream(OnnxEmbeddingModel.BUNDLED_TOKENIZER)) {
      Files.copy(in, tokenizer);
    }
  }

  /** Row k of the table: (k, k mod 7, -k/2, 1); row 0 ([PAD]) is far from every real row. */
  private static float[] row(long k) {
    return new float[] {k, k % 7, -k / 2f, 1};
  }

  private static float[] table() {
    float[] t = new float[VOCAB * DIM];
    for (int k = 0; k < VOCAB; k++) {
      System.arraycopy(row(k), 0, t, k * DIM, DIM);
    }
    return t;
  }

  private static float[] meanOfRows(long... ids) {
    float[] mean = new float[DIM];
    for (long id : ids) {
      float[] r = row(id);
      for (int d = 0; d < DIM; d++) {
        mean[d] += r[d] / ids.length;
      }
    }
    return mean;
  }

  private static Path write(String file, TinyOnnx model) throws Exception {
    return Files.write(dir.resolve(file), model.toBytes());
  }

  @Test
  void meanPoolingOfHiddenStatesIgnoresPadding() throws Exception {
    Path onnx = write("gather.onnx", new TinyOnnx()
        .input("input_ids", TinyOnnx.INT64)
        .input("attention_mask", TinyOnnx.INT64)
        .input("token_type_ids", TinyOnnx.INT64)
        .initializer("table", table(), VOCAB, DIM)
        .node("Gather", new String[] {"table", "input_ids"}, "last_hidden_state")
        .output("last_hidden_state", "batch", "seq", DIM));
    try (OnnxEmbeddingModel model =
        OnnxEmbeddingModel.builder().modelPath(onnx).tokenizerPath(tokenizer).normalize(false).build()) {
      assertThat(model.name()).isEqualTo("gather");
      assertThat(model.dimension()).isEqualTo(DIM);
      // "hello" is padded with [PAD] (row 0) next to "hello world"; the mask keeps row 0 out of its mean.
      List<Embedding> batch = model.embedAll(List.of("hello", "Hello world"));
      assertThat(batch.get(0).vector()).containsExactly(meanOfRows(HELLO), within(1e-3f));
      assertThat(batch.get(1).vector()).containsExactly(meanOfRows(HELLO_WORLD), within(1e-3f));
      // A float model has no batch dependence: alone or batched, the same numbers.
      assertThat(model.embed("hello").vector()).containsExactly(meanOfRows(HELLO), within(1e-3f));
    }
    try (OnnxEmbeddingModel cls = OnnxEmbeddingModel.builder().modelPath(onnx).tokenizerPath(tokenizer)
        .pooling(Pooling.CLS).normalize(false).build()) {
      assertThat(cls.embed("hello world").vector()).containsExactly(row(101), within(1e-6f));
    }
  }

  @Test
  void int32InputsAndAModelThatPoolsItself() throws Exception {
    // input_ids only, int32; ReduceMean over the sequence gives [batch, dim] sentence vectors, used as they are.
    Path onnx = write("pooled.onnx", new TinyOnnx()
        .input("input_ids", TinyOnnx.INT32)
        .initializer("table", table(), VOCAB, DIM)
        .node("Gather", new String[] {"table", "input_ids"}, "hidden")
        .node("ReduceMean", new String[] {"hidden"}, "sentence_embedding",
            TinyOnnx.ints("axes", 1), TinyOnnx.integer("keepdims", 0))
        .output("sentence_embedding", "batch", DIM));
    try (OnnxEmbeddingModel model = OnnxEmbeddingModel.builder().modelPath(onnx).tokenizerPath(tokenizer).build()) {
      float[] expected = Pooling.normalize(meanOfRows(HELLO_WORLD));
      assertThat(model.embed("hello world").vector()).containsExactly(expected, within(1e-6f));
    }
  }

  @Test
  void unsupportedInputsAreLoadErrorsNamingTheInputAndFile() throws Exception {
    Path extra = write("extra.onnx", new TinyOnnx()
        .input("input_ids", TinyOnnx.INT64)
        .input("position_ids", TinyOnnx.INT64)
        .initializer("table", table(), VOCAB, DIM)
        .node("Gather", new String[] {"table", "input_ids"}, "last_hidden_state")
        .output("last_hidden_state", "batch", "seq", DIM));
    assertThatThrownBy(() -> OnnxEmbeddingModel.builder().modelPath(extra).tokenizerPath(tokenizer).build())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("position_ids")
        .hasMessageContaining(extra.toAbsolutePath().toString());
    Path noIds = write("noids.onnx", new TinyOnnx()
        .input("attention_mask", TinyOnnx.INT64)
        .initializer("table", table(), VOCAB, DIM)
        .node("Gather", new String[] {"table", "attention_mask"}, "last_hidden_state")
        .output("last_hidden_state", "batch", "seq", DIM));
    assertThatThrownBy(() -> OnnxEmbeddingModel.builder().modelPath(noIds).tokenizerPath(tokenizer).build())
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("no 'input_ids' input");
  }
}
