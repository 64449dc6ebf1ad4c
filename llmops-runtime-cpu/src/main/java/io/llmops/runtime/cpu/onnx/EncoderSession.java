package io.llmops.runtime.cpu.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.llmops.LlmOpsException;
import io.llmops.ModelLoadException;
import io.llmops.runtime.cpu.onnx.TextTokenizer.EncodedBatch;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One ONNX Runtime session of a transformer encoder, with the inputs it declares resolved once.
 *
 * <p>Accepted inputs are the Hugging Face names {@code input_ids} (required), {@code attention_mask} and {@code
 * token_type_ids}, as int64 or int32 tensors of shape {@code [batch, seq]}; any other input is a load error. The
 * output read is {@code last_hidden_state} when declared, else the first output: rank 3 ({@code [batch, seq, dim]}) is
 * pooled, rank 2 ({@code [batch, dim]}, a model with pooling built in) is taken as is.
 *
 * <p>Thread-safe: {@link OrtSession#run} may be called concurrently. {@link #close()} must not race with {@link #run};
 * {@link OnnxEmbeddingModel} guards that with its lock.
 */
final class EncoderSession implements AutoCloseable {
  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final String LAST_HIDDEN_STATE = "last_hidden_state";

  private final OrtEnvironment env;
  private final OrtSession.SessionOptions options;
  private final OrtSession session;
  private final Map<String, OnnxJavaType> inputs;
  private final String output;
  private final String source;

  private EncoderSession(OrtEnvironment env, OrtSession.SessionOptions options, OrtSession session,
      Map<String, OnnxJavaType> inputs, String output, String source) {
    this.env = env;
    this.options = options;
    this.session = session;
    this.inputs = inputs;
    this.output = output;
    this.source = source;
  }

  /** Model bytes or a file, whichever the builder was given. */
  interface ModelSource {
    OrtSession open(OrtEnvironment env, OrtSession.SessionOptions options) throws OrtException;

    String describe();
  }

  /**
   * Creates the session and checks its inputs and outputs.
   *
   * @param threads intra-op threads, 0 for ONNX Runtime's default (one per physical core)
   * @throws ModelLoadException naming the source when ONNX Runtime cannot load it or it is not a supported encoder
   */
  static EncoderSession open(ModelSource model, int threads) {
    String source = model.describe();
    OrtSession.SessionOptions options = null;
    OrtSession session = null;
    try {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      options = new OrtSession.SessionOptions();
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(threads);
      // Idle intra-op threads otherwise spin after every run, burning cores the LLM runtime in the same process
      // needs. Measured on 2 busy cores: spinning made a batch of 32 take 94 ms instead of 25 ms (best of 60).
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      session = model.open(env, options);
      Map<String, OnnxJavaType> inputs = resolveInputs(session.getInputInfo(), source);
      String output = resolveOutput(session.getOutputInfo(), source);
      return new EncoderSession(env, options, session, inputs, output, source);
    } catch (OrtException | RuntimeException | LinkageError e) {
      closeQuietly(session, options);
      if (e instanceof ModelLoadException) {
        throw (ModelLoadException) e;
      }
      throw new ModelLoadException(source + ": ONNX Runtime cannot load it: " + e.getMessage(), e);
    }
  }

  private static Map<String, OnnxJavaType> resolveInputs(Map<String, NodeInfo> declared, String source) {
    Map<String, OnnxJavaType> inputs = new LinkedHashMap<>();
    for (NodeInfo node : declared.values()) {
      String name = node.getName();
      if (!Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(name)) {
        throw new ModelLoadException(source + ": input '" + name + "' is not supported (an encoder takes "
            + INPUT_IDS + ", " + ATTENTION_MASK + " and " + TOKEN_TYPE_IDS + "); declared: " + declared.keySet());
      }
      OnnxJavaType type = node.getInfo() instanceof TensorInfo ? ((TensorInfo) node.getInfo()).type : null;
      if (type != OnnxJavaType.INT64 && type != OnnxJavaType.INT32) {
        throw new ModelLoadException(source + ": input '" + name + "' has type " + node.getInfo()
            + ", expected an int64 or int32 tensor");
      }
      inputs.put(name, type);
    }
    if (!inputs.containsKey(INPUT_IDS)) {
      throw new ModelLoadException(source + ": no '" + INPUT_IDS + "' input; declared: " + declared.keySet());
    }
    return inputs;
  }

  private static String resolveOutput(Map<String, NodeInfo> declared, String source) {
    NodeInfo node = declared.containsKey(LAST_HIDDEN_STATE)
        ? declared.get(LAST_HIDDEN_STATE)
        : declared.values().stream().findFirst()
            .orElseThrow(() -> new ModelLoadException(source + ": the model declares no output"));
    if (!(node.getInfo() instanceof TensorInfo)) {
      throw new ModelLoadException(source + ": output '" + node.getName() + "' is not a tensor: " + node.getInfo());
    }
    TensorInfo info = (TensorInfo) node.getInfo();
    if (info.type != OnnxJavaType.FLOAT || (info.getShape().length != 3 && info.getShape().length != 2)) {
      throw new ModelLoadException(source + ": output '" + node.getName() + "' is " + info
          + ", expected float [batch, seq, dim] hidden states or float [batch, dim] sentence vectors");
    }
    return node.getName();
  }

  /** Returns the names of the inputs the model declares. */
  Set<String> inputNames() {
    return inputs.keySet();
  }

  /**
   * Runs a batch and pools each row (not normalised).
   *
   * @throws LlmOpsException if ONNX Runtime fails or returns an unexpected shape
   */
  float[][] run(EncodedBatch batch, Pooling pooling) {
    long[] shape = {batch.rows(), batch.seq()};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      for (Map.Entry<String, OnnxJavaType> input : inputs.entrySet()) {
        long[] values = switch (input.getKey()) {
          case INPUT_IDS -> batch.ids();
          case ATTENTION_MASK -> batch.mask();
          case TOKEN_TYPE_IDS -> batch.typeIds();
          default -> throw new AssertionError(input.getKey());
        };
        feed.put(input.getKey(), tensor(values, shape, input.getValue()));
      }
      try (OrtSession.Result result = session.run(feed, Set.of(output))) {
        Optional<OnnxValue> value = result.get(output);
        if (value.isEmpty() || !(value.get() instanceof OnnxTensor)) {
          throw new LlmOpsException(source + ": output '" + output + "' missing from the result");
        }
        return pool((OnnxTensor) value.get(), batch, pooling);
      }
    } catch (OrtException e) {
      throw new LlmOpsException(source + ": inference failed on a batch of " + batch.rows() + " texts of "
          + batch.seq() + " tokens: " + e.getMessage(), e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private OnnxTensor tensor(long[] values, long[] shape, OnnxJavaType type) throws OrtException {
    if (type == OnnxJavaType.INT64) {
      return OnnxTensor.createTensor(env, LongBuffer.wrap(values), shape);
    }
    int[] narrow = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      narrow[i] = Math.toIntExact(values[i]);
    }
    return OnnxTensor.createTensor(env, IntBuffer.wrap(narrow), shape);
  }

  private float[][] pool(OnnxTensor tensor, EncodedBatch batch, Pooling pooling) {
    long[] shape = tensor.getInfo().getShape();
    FloatBuffer buffer = tensor.getFloatBuffer();
    float[] data;
    if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0) {
      data = buffer.array();
    } else {
      data = new float[buffer.remaining()];
      buffer.get(data);
    }
    float[][] out = new float[batch.rows()][];
    if (shape.length == 3 && shape[0] == batch.rows() && shape[1] == batch.seq()) {
      int dim = Math.toIntExact(shape[2]);
      for (int r = 0; r < batch.rows(); r++) {
        out[r] = pooling.pool(data, r, batch.seq(), dim, batch.mask());
      }
      return out;
    }
    if (shape.length == 2 && shape[0] == batch.rows()) {
      int dim = Math.toIntExact(shape[1]);
      for (int r = 0; r < batch.rows(); r++) {
        out[r] = new float[dim];
        System.arraycopy(data, r * dim, out[r], 0, dim);
      }
      return out;
    }
    throw new LlmOpsException(source + ": output '" + output + "' has shape " + Arrays.toString(shape)
        + " for an input of [" + batch.rows() + ", " + batch.seq() + "]");
  }

  @Override
  public void close() {
    closeQuietly(session, options);
  }

  private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
    // The OrtEnvironment is a process-wide singleton shared with every other session: it is never closed here.
    if (session != null) {
      try {
        session.close();
      } catch (OrtException e) {
        System.getLogger(EncoderSession.class.getName())
            .log(System.Logger.Level.WARNING, "closing the ONNX Runtime session failed", e);
      }
    }
    if (options != null) {
      options.close();
    }
  }
}
