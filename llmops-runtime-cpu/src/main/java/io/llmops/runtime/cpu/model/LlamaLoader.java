package io.llmops.runtime.cpu.model;

import io.llmops.ModelLoadException;
import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.gguf.GgufTensorInfo;
import io.llmops.runtime.cpu.tensor.WeightMatrix;
import io.llmops.runtime.cpu.model.TensorOps.Weight;
import java.util.Arrays;
import java.util.Locale;

/**
 * Builds a {@link LlamaModel} from a GGUF file: reads the hyper-parameters, checks every tensor's presence and shape
 * (naming the tensor when one is wrong), and hands the weights to the backend.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class LlamaLoader {
  private LlamaLoader() {}

  /**
   * Reads the hyper-parameters.
   *
   * @param gguf the file
   * @return the config
   * @throws ModelLoadException if the architecture is unsupported or a value is missing or out of range
   */
  public static LlamaConfig config(GgufFile gguf) {
    String arch = gguf.getString("general.architecture");
    if (!LlamaConfig.SUPPORTED_ARCHITECTURES.contains(arch)) {
      throw new ModelLoadException("unsupported architecture '" + arch + "' (general.architecture); this runtime "
          + "supports " + LlamaConfig.SUPPORTED_ARCHITECTURES, "general.architecture", -1, null);
    }
    int dim = integer(gguf, arch + ".embedding_length", -1);
    int heads = integer(gguf, arch + ".attention.head_count", -1);
    int kvHeads = integer(gguf, arch + ".attention.head_count_kv", heads);
    int headDim = integer(gguf, arch + ".attention.key_length", heads > 0 ? dim / heads : -1);
    GgufTensorInfo embd = tensor(gguf, "token_embd.weight");
    int vocab = (int) embd.dim(1);
    float freqScale = 1f;
    String scalingType = gguf.optionalString(arch + ".rope.scaling.type").orElse(null);
    if ("linear".equals(scalingType)) {
      float factor = gguf.getFloat(arch + ".rope.scaling.factor", 1f);
      freqScale = 1f / factor;
    } else if (scalingType != null && !"none".equals(scalingType) && !"llama3".equals(scalingType)) {
      throw new ModelLoadException("unsupported rope scaling '" + scalingType + "' (" + arch + ".rope.scaling.type)");
    }
    boolean qwen = arch.equals("qwen2");
    return new LlamaConfig(arch, dim, integer(gguf, arch + ".block_count", -1), heads, kvHeads, headDim,
        integer(gguf, arch + ".feed_forward_length", -1), vocab,
        real(gguf, arch + ".attention.layer_norm_rms_epsilon", 1e-5f), integer(gguf, arch + ".context_length", -1),
        integer(gguf, arch + ".rope.dimension_count", headDim), real(gguf, arch + ".rope.freq_base", 10000f),
        freqScale, qwen ? Rope.Mode.NEOX : Rope.Mode.NORMAL, qwen);
  }

  /**
   * Loads the model's weights into a backend.
   *
   * @param gguf the file
   * @param ops the backend; on failure the caller still owns and closes it
   * @return the model
   * @throws ModelLoadException naming the first missing or mis-shaped tensor
   */
  public static LlamaModel load(GgufFile gguf, TensorOps ops) {
    LlamaConfig c = config(gguf);
    int dim = c.dim();
    Weight embd = matrix(gguf, ops, "token_embd.weight", c.vocab(), dim);
    Weight outNorm = vector(gguf, ops, "output_norm.weight", dim);
    // Tied embeddings: without output.weight the output projection reuses the embedding table (llama.cpp does so).
    Weight output = gguf.findTensor("output.weight").isPresent() ? matrix(gguf, ops, "output.weight", c.vocab(), dim)
        : embd;
    LlamaModel.Block[] blocks = new LlamaModel.Block[c.layers()];
    for (int l = 0; l < c.layers(); l++) {
      String p = "blk." + l + ".";
      blocks[l] = new LlamaModel.Block(vector(gguf, ops, p + "attn_norm.weight", dim),
          matrix(gguf, ops, p + "attn_q.weight", c.qDim(), dim), matrix(gguf, ops, p + "attn_k.weight", c.kvDim(), dim),
          matrix(gguf, ops, p + "attn_v.weight", c.kvDim(), dim),
          c.qkvBias() ? vector(gguf, ops, p + "attn_q.bias", c.qDim()) : null,
          c.qkvBias() ? vector(gguf, ops, p + "attn_k.bias", c.kvDim()) : null,
          c.qkvBias() ? vector(gguf, ops, p + "attn_v.bias", c.kvDim()) : null,
          matrix(gguf, ops, p + "attn_output.weight", dim, c.qDim()), vector(gguf, ops, p + "ffn_norm.weight", dim),
          matrix(gguf, ops, p + "ffn_gate.weight", c.ffn(), dim), matrix(gguf, ops, p + "ffn_up.weight", c.ffn(), dim),
          matrix(gguf, ops, p + "ffn_down.weight", dim, c.ffn()));
    }
    float[] freqFactors = null;
    if (gguf.findTensor("rope_freqs.weight").isPresent()) {
      // Llama 3.1+ "llama3" rope scaling: the converter stores one divisor per rotated pair.
      freqFactors = new float[c.ropeDims() / 2];
      GgufTensorInfo t = tensor(gguf, "rope_freqs.weight");
      checkShape(t, new long[] {c.ropeDims() / 2});
      float[] row = new float[c.ropeDims() / 2];
      WeightMatrix.of(t.type(), gguf.tensorData(t), 1, row.length).dequantizeRow(0, row, 0);
      freqFactors = row;
    } else if ("llama3".equals(gguf.optionalString(c.architecture() + ".rope.scaling.type").orElse(null))) {
      // Without the converter's rope_freqs tensor, derive the same divisors from the metadata.
      String k = c.architecture() + ".rope.scaling.";
      try {
        freqFactors = Rope.llama3Factors(c.ropeDims(), c.ropeBase(), gguf.getFloat(k + "factor"),
            gguf.getFloat(k + "low_freq_factor", 1f), gguf.getFloat(k + "high_freq_factor", 4f),
            gguf.getInt(k + "original_context_length", 8192));
      } catch (IllegalArgumentException e) {
        throw new ModelLoadException(e.getMessage(), e);
      }
    }
    Rope rope = new Rope(c.ropeMode(), c.headDim(), c.ropeDims(), c.ropeBase(), c.ropeFreqScale(), freqFactors);
    return new LlamaModel(c, ops, embd, outNorm, output, blocks, rope);
  }

  private static Weight matrix(GgufFile gguf, TensorOps ops, String name, int rows, int cols) {
    GgufTensorInfo t = tensor(gguf, name);
    checkShape(t, new long[] {cols, rows});
    return ops.weight(name, t.type(), gguf.tensorData(t), rows, cols);
  }

  private static Weight vector(GgufFile gguf, TensorOps ops, String name, int length) {
    GgufTensorInfo t = tensor(gguf, name);
    checkShape(t, new long[] {length});
    return ops.weight(name, t.type(), gguf.tensorData(t), 1, length);
  }

  private static void checkShape(GgufTensorInfo t, long[] expected) {
    long[] s = t.shape();
    // ggml pads shapes with trailing ones; compare the significant dimensions.
    int n = s.length;
    while (n > expected.length && s[n - 1] == 1) {
      n--;
    }
    if (!Arrays.equals(Arrays.copyOf(s, n), expected)) {
      throw new ModelLoadException(String.format(Locale.ROOT, "tensor %s: shape %s but the metadata implies %s",
          t.name(), Arrays.toString(s), Arrays.toString(expected)), t.name(), -1, null);
    }
  }

  private static GgufTensorInfo tensor(GgufFile gguf, String name) {
    return gguf.tensor(name);
  }

  private static int integer(GgufFile gguf, String key, int fallback) {
    return fallback < 0 ? gguf.getInt(key) : gguf.getInt(key, fallback);
  }

  private static float real(GgufFile gguf, String key, float fallback) {
    return gguf.getFloat(key, fallback);
  }
}
