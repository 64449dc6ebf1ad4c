package io.llmops.runtime.cpu.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.llmops.LlmOpsException;
import io.llmops.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * A HuggingFace {@code tokenizer.json} run by the Rust tokenizers library through DJL, configured for encoders: special
 * tokens added, right truncation at {@code maxLength} tokens (special tokens included, longest-first), padding to the
 * longest text of each batch with the tokenizer's own pad token. Whatever truncation and padding the JSON declares is
 * replaced by these settings.
 *
 * <p>Thread-safe: encoding only reads the native tokenizer. {@link #close()} must not race with {@link #encode};
 * {@link OnnxEmbeddingModel} guards that with its lock.
 */
final class TextTokenizer implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;

  private TextTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /**
   * Loads a tokenizer file, or {@code tokenizer.json} inside a directory.
   *
   * @throws ModelLoadException naming the file when it is missing, unreadable or not a tokenizer
   */
  static TextTokenizer fromFile(Path path, int maxLength) {
    Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new ModelLoadException("tokenizer file " + file.toAbsolutePath() + ": not found or not readable");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toAbsolutePath().toString(), maxLength);
    } catch (IOException e) {
      throw new ModelLoadException("tokenizer file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Loads a tokenizer from a class-path resource.
   *
   * @throws ModelLoadException naming the resource when it is missing or not a tokenizer
   */
  static TextTokenizer fromResource(String resource, int maxLength) {
    try (InputStream in = Resources.open(resource)) {
      return load(in, "class-path resource " + resource, maxLength);
    } catch (IOException e) {
      throw new ModelLoadException("class-path resource " + resource + ": " + e.getMessage(), e);
    }
  }

  private static TextTokenizer load(InputStream in, String source, int maxLength) throws IOException {
    DjlEnvironment.prepare();
    String max = Integer.toString(maxLength);
    Map<String, String> options = Map.of(
        "addSpecialTokens", "true",
        "truncation", "true",
        "padding", "true",
        "maxLength", max,
        // DJL clamps maxLength to modelMaxLength (default 512); the caller's maxLength is the bound we want.
        "modelMaxLength", max);
    try {
      return new TextTokenizer(HuggingFaceTokenizer.newInstance(in, options));
    } catch (RuntimeException | LinkageError e) {
      // DJL reports a bad JSON as a RuntimeException from native code and a native library that cannot be
      // extracted or linked as an EngineException (a RuntimeException) or an UnsatisfiedLinkError.
      throw new ModelLoadException(source + ": cannot load the tokenizer (DJL_CACHE_DIR="
          + DjlEnvironment.cacheDir() + "): " + e.getMessage(), e);
    }
  }

  /**
   * Encodes texts as one padded batch.
   *
   * @throws LlmOpsException if the native tokenizer fails
   */
  EncodedBatch encode(List<String> texts) {
    Encoding[] encodings;
    try {
      encodings = tokenizer.batchEncode(texts.toArray(new String[0]));
    } catch (RuntimeException e) {
      throw new LlmOpsException("tokenizer failed on a batch of " + texts.size() + " texts: " + e.getMessage(), e);
    }
    int seq = 0;
    for (Encoding e : encodings) {
      seq = Math.max(seq, e.getIds().length);
    }
    int rows = encodings.length;
    long[] ids = new long[rows * seq];
    long[] mask = new long[rows * seq];
    long[] types = new long[rows * seq];
    for (int r = 0; r < rows; r++) {
      // Padding to the longest is the tokenizer's job; copying into zeroed rows (mask 0) keeps any shorter row,
      // should one ever come back, out of the pooling.
      Encoding e = encodings[r];
      System.arraycopy(e.getIds(), 0, ids, r * seq, e.getIds().length);
      System.arraycopy(e.getAttentionMask(), 0, mask, r * seq, e.getAttentionMask().length);
      System.arraycopy(e.getTypeIds(), 0, types, r * seq, e.getTypeIds().length);
    }
    return new EncodedBatch(ids, mask, types, rows, seq);
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  /** Token ids, attention mask and token type ids of a padded batch, each {@code [rows, seq]} row-major. */
  record EncodedBatch(long[] ids, long[] mask, long[] typeIds, int rows, int seq) {}

  /**
   * DJL reads its settings from environment variables or system properties. It extracts the native tokenizer library
   * to {@code DJL_CACHE_DIR} (default {@code ~/.djl.ai}) and, from {@code HuggingFaceTokenizer.newInstance}, probes
   * the EC2 metadata endpoint to send usage telemetry unless {@code OPT_OUT_TRACKING} is true. An embedded SDK should
   * neither litter the home directory nor make network calls the application did not ask for, so unless the
   * application set them, the cache goes under {@code ~/.cache/llmops/djl} ({@code $XDG_CACHE_HOME/llmops/djl}; when
   * that cannot be created, {@code <java.io.tmpdir>/llmops-<user>/djl}) and tracking is off. Both are JVM-wide system
   * properties, set once, before DJL's classes read them.
   */
  static final class DjlEnvironment {
    static final String CACHE_DIR = "DJL_CACHE_DIR";
    static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";

    private DjlEnvironment() {}

    static synchronized void prepare() {
      if (isUnset(OPT_OUT_TRACKING)) {
        System.setProperty(OPT_OUT_TRACKING, "true");
      }
      if (isUnset(CACHE_DIR)) {
        Path fallback = Paths.get(System.getProperty("java.io.tmpdir"), "llmops-" + System.getProperty("user.name"),
            "djl");
        System.setProperty(CACHE_DIR, choose(defaultCacheDir(), fallback).toString());
        return;
      }
      Path dir = cacheDir();
      if (createdOrNull(dir) == null) {
        throw new ModelLoadException("cannot create the tokenizer native-library cache DJL_CACHE_DIR=" + dir);
      }
    }

    /**
     * Returns {@code preferred} once created, else {@code fallback} (a read-only home is common in containers).
     *
     * @throws ModelLoadException if neither can be created
     */
    static Path choose(Path preferred, Path fallback) {
      Path chosen = createdOrNull(preferred);
      chosen = chosen != null ? chosen : createdOrNull(fallback);
      if (chosen == null) {
        throw new ModelLoadException("cannot create the tokenizer native-library cache " + preferred + " nor "
            + fallback + "; set DJL_CACHE_DIR to a writable folder");
      }
      return chosen;
    }

    private static Path createdOrNull(Path dir) {
      try {
        Files.createDirectories(dir);
        return Files.isWritable(dir) ? dir : null;
      } catch (IOException | SecurityException e) {
        return null;
      }
    }

    /** The directory DJL will use, as DJL resolves it: environment variable first, then system property. */
    static Path cacheDir() {
      String env = System.getenv(CACHE_DIR);
      String value = env != null && !env.isEmpty() ? env : System.getProperty(CACHE_DIR);
      return value != null && !value.isEmpty() ? Paths.get(value) : defaultCacheDir();
    }

    private static boolean isUnset(String name) {
      String env = System.getenv(name);
      String prop = System.getProperty(name);
      return (env == null || env.isEmpty()) && (prop == null || prop.isEmpty());
    }

    private static Path defaultCacheDir() {
      String xdg = System.getenv("XDG_CACHE_HOME");
      Path base = xdg != null && !xdg.isEmpty()
          ? Paths.get(xdg)
          : Paths.get(System.getProperty("user.home"), ".cache");
      return base.resolve("llmops").resolve("djl");
    }
  }
}
