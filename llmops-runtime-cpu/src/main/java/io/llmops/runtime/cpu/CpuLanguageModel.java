package io.llmops.runtime.cpu;

import io.llmops.ContextLengthExceededException;
import io.llmops.InvalidRequestException;
import io.llmops.ModelLoadException;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletableStreamHandle;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.LanguageModel;
import io.llmops.model.ModelInfo;
import io.llmops.model.SamplingParameters;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import io.llmops.model.TokenScores;
import io.llmops.model.Tokenizer;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.ModelListener;
import io.llmops.observation.Operation;
import io.llmops.prompt.ChatTemplate;
import io.llmops.runtime.cpu.engine.Engine;
import io.llmops.runtime.cpu.engine.GenerationSetup;
import io.llmops.runtime.cpu.engine.TextDecoder;
import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.gguf.GgufTensorInfo;
import io.llmops.runtime.cpu.model.CpuTensorOps;
import io.llmops.runtime.cpu.model.LlamaConfig;
import io.llmops.runtime.cpu.model.LlamaLoader;
import io.llmops.runtime.cpu.model.LlamaModel;
import io.llmops.runtime.cpu.template.JinjaChatTemplate;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tokenizer.GgufTokenizer;
import io.llmops.runtime.cpu.tokenizer.StreamingDecoder;
import io.llmops.spi.ModelOptions;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/**
 * A GGUF model served on the CPU: tokenizer, chat template and forward pass from the file, requests served by one
 * {@link Engine} thread (see its threading model), the caller's thread only tokenizing and validating.
 *
 * <p>Thread-safe. {@link #close()} cancels running generations, waits for the engine thread and frees the workers.
 *
 * @since 0.1.0
 */
public final class CpuLanguageModel implements LanguageModel {
  /** Context used when the caller asks for none and the model was trained with more. */
  static final int DEFAULT_CONTEXT_CAP = 4096;

  private final ModelInfo info;
  private final GgufTokenizer tokenizer;
  private final ChatTemplate template;
  private final Engine engine;
  private final ModelListener listener;
  private final int contextLength;
  private final int threads;
  private final long kvBytesPerPosition;
  private final SecureRandom seeds = new SecureRandom();
  private volatile boolean closed;

  private CpuLanguageModel(ModelInfo info, GgufTokenizer tokenizer, ChatTemplate template, Engine engine,
      ModelListener listener, int threads, long kvBytesPerPosition) {
    this.info = info;
    this.tokenizer = tokenizer;
    this.template = template;
    this.engine = engine;
    this.listener = ModelListener.safe(listener);
    this.contextLength = info.contextLength();
    this.threads = threads;
    this.kvBytesPerPosition = kvBytesPerPosition;
  }

  /**
   * Loads a GGUF model.
   *
   * @param path the file
   * @param options threads, context length, KV budget, listener
   * @return the model; close it when done
   * @throws ModelLoadException if the file is missing, corrupt or of an unsupported architecture or tensor type
   */
  public static CpuLanguageModel load(Path path, ModelOptions options) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(options, "options");
    try (GgufFile gguf = GgufFile.open(path)) {
      LlamaConfig config = LlamaLoader.config(gguf);
      GgufTokenizer tokenizer = GgufTokenizer.from(gguf);
      if (tokenizer.vocabularySize() != config.vocab()) {
        throw new ModelLoadException(path.getFileName() + ": tokenizer has " + tokenizer.vocabularySize()
            + " tokens but token_embd.weight has " + config.vocab() + " rows");
      }
      ChatTemplate template = JinjaChatTemplate.from(gguf);
      int context = options.contextLength() > 0 ? options.contextLength()
          : Math.min(config.trainedContext(), DEFAULT_CONTEXT_CAP);
      CpuTensorOps ops = CpuTensorOps.create(options.threads());
      LlamaModel model;
      try {
        model = LlamaLoader.load(gguf, ops);
      } catch (RuntimeException | Error e) {
        ops.close();
        throw e;
      }
      String name = gguf.optionalString("general.name").orElse(path.getFileName().toString());
      ModelInfo info = ModelInfo.builder().name(name).architecture(config.architecture())
          .parameterCount(parameterCount(gguf)).quantization(dominantType(gguf)).contextLength(context)
          .trainedContextLength(config.trainedContext()).vocabularySize(config.vocab()).embeddingLength(config.dim())
          .runtime("cpu").sizeBytes(gguf.fileSize()).build();
      Engine engine = new Engine(model, context, options.maxSequences(), name);
      return new CpuLanguageModel(info, tokenizer, template, engine, options.listener(), options.threads(),
          config.kvBytesPerPosition());
    }
  }

  private static long parameterCount(GgufFile gguf) {
    long n = 0;
    for (GgufTensorInfo t : gguf.tensors()) {
      n += t.elementCount();
    }
    return n;
  }

  /** The type holding most bytes among the matrices (llama.cpp's "file type" would name the mix, e.g. Q4_K_M). */
  private static String dominantType(GgufFile gguf) {
    Map<GgmlType, Long> bytes = new EnumMap<>(GgmlType.class);
    for (GgufTensorInfo t : gguf.tensors()) {
      if (t.rank() >= 2) {
        bytes.merge(t.type(), t.byteSize(), Long::sum);
      }
    }
    return bytes.entrySet().stream().max(Map.Entry.comparingByValue()).map(e -> e.getKey().name()).orElse("F32");
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  /**
   * Returns the engine (for tests and diagnostics: its KV budget).
   *
   * @return the engine
   */
  Engine engine() {
    return engine;
  }

  @Override
  public StreamHandle<ChatResponse> stream(ChatRequest request, StreamHandler<ChatResponse> handler) {
    ensureOpen();
    Objects.requireNonNull(handler, "handler");
    ModelCallContext ctx = context(Operation.CHAT, request.parameters(), request.attributes());
    listener.onRequest(ctx, request);
    try {
      String prompt = template.render(request.messages(), true);
      // The template writes BOS itself when the model wants one; add it only if it did not.
      String bos = tokenizer.bosId() >= 0 ? tokenizer.tokenText(tokenizer.bosId()) : null;
      boolean addBos = tokenizer.addsBos() && (bos == null || !prompt.startsWith(bos));
      int[] tokens = tokenizer.encode(prompt, addBos, true);
      return start(tokens, request.parameters(), handler, ctx, ChatResponse::of);
    } catch (RuntimeException e) {
      listener.onError(ctx, e);
      throw e;
    }
  }

  @Override
  public StreamHandle<CompletionResponse> stream(CompletionRequest request,
      StreamHandler<CompletionResponse> handler) {
    ensureOpen();
    Objects.requireNonNull(handler, "handler");
    ModelCallContext ctx = context(Operation.TEXT_COMPLETION, request.parameters(), request.attributes());
    listener.onRequest(ctx, request);
    try {
      int[] tokens = tokenizer.encode(request.prompt(), request.addSpecialTokens(), request.parseSpecialTokens());
      return start(tokens, request.parameters(), handler, ctx, Function.identity());
    } catch (RuntimeException e) {
      listener.onError(ctx, e);
      throw e;
    }
  }

  private <R> StreamHandle<R> start(int[] prompt, SamplingParameters params, StreamHandler<R> handler,
      ModelCallContext ctx, Function<CompletionResponse, R> wrap) {
    InvalidRequestException.check(prompt.length > 0, "the prompt has no tokens (empty text and no BOS)");
    if (prompt.length > contextLength) {
      throw new ContextLengthExceededException(prompt.length, contextLength);
    }
    CompletableStreamHandle<R> handle = new CompletableStreamHandle<>();
    StreamingDecoder decoder = tokenizer.streamingDecoder(false);
    TextDecoder text = new TextDecoder() {
      @Override
      public String accept(int token) {
        return decoder.accept(token);
      }

      @Override
      public String flush() {
        return decoder.flush();
      }
    };
    long seed = params.seed().orElseGet(seeds::nextLong);
    GenerationSetup<R> setup = new GenerationSetup<>(info.name(), contextLength, threads, kvBytesPerPosition, text,
        tokenizer::isEndOfGeneration, tokenizer::tokenText, handler, handle, listener, ctx, wrap);
    engine.generate(prompt, params, seed, setup);
    return handle;
  }

  @Override
  public TokenScores score(int[] tokens) {
    ensureOpen();
    InvalidRequestException.check(tokens.length >= 2, "score needs at least 2 tokens, got " + tokens.length);
    checkTokens(tokens);
    return engine.score(tokens.clone());
  }

  @Override
  public float[] nextTokenLogprobs(int[] tokens) {
    ensureOpen();
    InvalidRequestException.check(tokens.length >= 1, "nextTokenLogprobs needs at least 1 token");
    checkTokens(tokens);
    return engine.nextTokenLogprobs(tokens.clone());
  }

  private void checkTokens(int[] tokens) {
    if (tokens.length > contextLength) {
      throw new ContextLengthExceededException(tokens.length, contextLength);
    }
    for (int t : tokens) {
      InvalidRequestException.check(t >= 0 && t < info.vocabularySize(),
          "token id " + t + " outside the vocabulary [0, " + info.vocabularySize() + ")");
    }
  }

  private ModelCallContext context(Operation op, SamplingParameters params, Map<String, String> attributes) {
    return new ModelCallContext(UUID.randomUUID().toString(), op, info, params, attributes);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("model " + info.name() + " is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    engine.close();
  }

  @Override
  public String toString() {
    return "CpuLanguageModel{" + info + '}';
  }
}
