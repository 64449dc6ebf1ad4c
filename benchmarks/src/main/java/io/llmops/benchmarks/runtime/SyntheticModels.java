package io.llmops.benchmarks.runtime;

import io.llmops.runtime.cpu.gguf.GgufValue;
import io.llmops.runtime.cpu.gguf.GgufValueType;
import io.llmops.runtime.cpu.gguf.GgufWriter;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.Quantization;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded random-weight llama models with the shapes of real ones, for benchmarks: the weights are noise, but the
 * bytes streamed per token (what bounds decode speed) are exactly those of a real model of the same shape and type.
 *
 * <p>Names are {@code SHAPE-TYPE}: shapes {@code 110M} (dim 768, 12 layers, 12 heads) and {@code 1B} (dim 2048,
 * 16 layers, 32 heads, 8 KV heads, FFN 8192, rope theta 500000), types {@code F32}, {@code Q8_0}, {@code Q4_0},
 * {@code Q4_K}, {@code Q6_K}. As with llama.cpp's default quantisations, the quantised types keep the output
 * projection in Q6_K except Q8_0 (all Q8_0); norms are F32. Every model has a minimal valid SentencePiece vocabulary
 * of 32000 tokens, so the runtime loads it as a chat model too.
 *
 * <p>Files are written once, streamed tensor by tensor (a 1.2 GB model needs a few MB of heap), to
 * {@code $LLMOPS_SYNTHETIC_DIR} or {@code ~/.cache/llmops/synthetic/}, through a temporary file renamed on success,
 * so an interrupted generation never leaves a truncated model behind.
 *
 * <p>Thread-safety: stateless; concurrent generations of the same model in one directory may both write it.
 */
public final class SyntheticModels {

  /** Environment variable overriding the cache directory. */
  public static final String DIR_ENV = "LLMOPS_SYNTHETIC_DIR";

  static final int VOCAB = 32000;
  private static final long SEED = 0x5eed_11a3aL;
  private static final int ROWS_PER_CHUNK = 64;

  /** A model shape (llama hyper-parameters). */
  record Shape(String name, int dim, int layers, int heads, int kvHeads, int ffn, float ropeTheta) {
    int headDim() {
      return dim / heads;
    }

    int kvDim() {
      return kvHeads * headDim();
    }
  }

  static final Shape S110M = new Shape("110M", 768, 12, 12, 12, 2048, 10000f);
  static final Shape S1B = new Shape("1B", 2048, 16, 32, 8, 8192, 500000f);

  private SyntheticModels() {}

  /**
   * Returns the path of a synthetic model, generating it first if it is not cached.
   *
   * @param name e.g. {@code 1B-Q8_0}
   * @return the GGUF file
   * @throws IllegalArgumentException if the name is unknown
   * @throws UncheckedIOException if the file cannot be written
   */
  public static Path get(String name) {
    String[] parts = name.split("-", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException("synthetic model name must be SHAPE-TYPE, e.g. 1B-Q8_0, got " + name);
    }
    Shape shape = switch (parts[0].toUpperCase(Locale.ROOT)) {
      case "110M" -> S110M;
      case "1B" -> S1B;
      default -> throw new IllegalArgumentException("unknown shape " + parts[0] + " (110M or 1B)");
    };
    GgmlType type;
    try {
      type = GgmlType.valueOf(parts[1].toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown type " + parts[1] + " (F32, Q8_0, Q4_0, Q4_K, Q6_K)", e);
    }
    if (type != GgmlType.F32 && type != GgmlType.Q8_0 && type != GgmlType.Q4_0 && type != GgmlType.Q4_K
        && type != GgmlType.Q6_K) {
      throw new IllegalArgumentException("unsupported synthetic type " + type + " (F32, Q8_0, Q4_0, Q4_K, Q6_K)");
    }
    Path dir = directory();
    Path file = dir.resolve("llama-" + shape.name() + "-" + type + ".gguf");
    if (Files.isRegularFile(file)) {
      return file;
    }
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try {
        writer(shape, type).writeTo(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write synthetic model " + file, e);
    }
    return file;
  }

  /** The cache directory: {@code $LLMOPS_SYNTHETIC_DIR} or {@code ~/.cache/llmops/synthetic}. */
  static Path directory() {
    String env = System.getenv(DIR_ENV);
    return env != null && !env.isBlank() ? Path.of(env)
        : Path.of(System.getProperty("user.home"), ".cache", "llmops", "synthetic");
  }

  /** The writer of a whole model; tensors are generated while it writes. */
  static GgufWriter writer(Shape s, GgmlType type) {
    GgmlType outputType = type == GgmlType.Q4_0 || type == GgmlType.Q4_K ? GgmlType.Q6_K : type;
    GgufWriter w = GgufWriter.create().putString("general.architecture", "llama")
        .putString("general.name", "synthetic-" + s.name() + "-" + type)
        .putUInt32("llama.context_length", 2048).putUInt32("llama.embedding_length", s.dim())
        .putUInt32("llama.block_count", s.layers()).putUInt32("llama.feed_forward_length", s.ffn())
        .putUInt32("llama.attention.head_count", s.heads()).putUInt32("llama.attention.head_count_kv", s.kvHeads())
        .putUInt32("llama.rope.dimension_count", s.headDim())
        .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f).putFloat32("llama.rope.freq_base", s.ropeTheta());
    vocabulary(w);
    matrix(w, type, "token_embd.weight", VOCAB, s.dim(), 1f);
    norm(w, "output_norm.weight", s.dim());
    matrix(w, outputType, "output.weight", VOCAB, s.dim(), 1f);
    for (int l = 0; l < s.layers(); l++) {
      String p = "blk." + l + ".";
      norm(w, p + "attn_norm.weight", s.dim());
      matrix(w, type, p + "attn_q.weight", s.dim(), s.dim(), 1f);
      matrix(w, type, p + "attn_k.weight", s.kvDim(), s.dim(), 1f);
      matrix(w, type, p + "attn_v.weight", s.kvDim(), s.dim(), 1f);
      matrix(w, type, p + "attn_output.weight", s.dim(), s.dim(), 0.5f);
      norm(w, p + "ffn_norm.weight", s.dim());
      matrix(w, type, p + "ffn_gate.weight", s.ffn(), s.dim(), 1f);
      matrix(w, type, p + "ffn_up.weight", s.ffn(), s.dim(), 1f);
      matrix(w, type, p + "ffn_down.weight", s.dim(), s.ffn(), 0.5f);
    }
    return w;
  }

  /**
   * A SentencePiece ({@code llama}) vocabulary of {@link #VOCAB} tokens: unk, BOS, EOS, the 256 byte tokens, then
   * distinct word pieces, with decreasing scores.
   */
  private static void vocabulary(GgufWriter w) {
    String[] tokens = new String[VOCAB];
    float[] scores = new float[VOCAB];
    long[] types = new long[VOCAB];
    tokens[0] = "<unk>";
    tokens[1] = "<s>";
    tokens[2] = "</s>";
    types[0] = 2; // UNKNOWN
    types[1] = 3; // CONTROL
    types[2] = 3;
    for (int b = 0; b < 256; b++) {
      tokens[3 + b] = String.format(Locale.ROOT, "<0x%02X>", b);
      types[3 + b] = 6; // BYTE
    }
    for (int i = 259; i < VOCAB; i++) {
      StringBuilder piece = new StringBuilder("\u2581");
      for (int v = i - 259; ; v = v / 26 - 1) {
        piece.append((char) ('a' + v % 26));
        if (v < 26) {
          break;
        }
      }
      tokens[i] = piece.toString();
      types[i] = 1; // NORMAL
      scores[i] = -(i - 259);
    }
    w.put("tokenizer.ggml.model", GgufValue.ofString("llama"))
        .put("tokenizer.ggml.tokens", GgufValue.ofStringArray(tokens))
        .put("tokenizer.ggml.scores", GgufValue.ofFloat32Array(scores))
        .put("tokenizer.ggml.token_type", GgufValue.ofIntegerArray(GgufValueType.INT32, types))
        .putUInt32("tokenizer.ggml.bos_token_id", 1).putUInt32("tokenizer.ggml.eos_token_id", 2)
        .putUInt32("tokenizer.ggml.unknown_token_id", 0).putBool("tokenizer.ggml.add_bos_token", true);
  }

  private static void norm(GgufWriter w, String name, int n) {
    float[] g = new float[n];
    SplittableRandom r = new SplittableRandom(SEED ^ name.hashCode());
    for (int i = 0; i < n; i++) {
      g[i] = 0.8f + 0.4f * (float) r.nextDouble();
    }
    w.tensor(name, g, n);
  }

  /**
   * A {@code rows x cols} matrix of uniform noise with the variance of a trained layer's weights ({@code gain^2 /
   * cols}, so activations keep their scale), quantised and written {@value #ROWS_PER_CHUNK} rows at a time.
   */
  private static void matrix(GgufWriter w, GgmlType type, String name, int rows, int cols, float gain) {
    long seed = SEED ^ ((long) name.hashCode() << 17);
    float amplitude = (float) (gain * Math.sqrt(3.0 / cols));
    w.tensor(name, type, (OutputStream out) -> {
      SplittableRandom r = new SplittableRandom(seed);
      float[] values = new float[ROWS_PER_CHUNK * cols];
      byte[] bytes = new byte[Math.toIntExact(type.byteSize((long) ROWS_PER_CHUNK * cols))];
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      for (int row = 0; row < rows; row += ROWS_PER_CHUNK) {
        int n = Math.min(ROWS_PER_CHUNK, rows - row) * cols;
        for (int i = 0; i < n; i++) {
          values[i] = amplitude * (float) (2 * r.nextDouble() - 1);
        }
        Quantization.quantize(type, values, 0, n, buffer, 0);
        out.write(bytes, 0, Math.toIntExact(type.byteSize(n)));
      }
    }, cols, rows);
  }
}
