package io.llmops.runtime.cpu.model;

import io.llmops.ModelLoadException;
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
  static LlamaConfig config(GgufStandIn gguf) {
    String arch = string(gguf, "general.architecture");
    if (!LlamaConfig.SUPPORTED_ARCHITECTURES.contains(arch)) {
      throw new ModelLoadException("unsupported architecture '" + arch + "' (general.architecture); this runtime "
          + "supports " + LlamaConfig.SUPPORTED_ARCHITECTURES, "general.architecture", -1, null);
    }
    int dim = integer(gguf, arch + ".embedding_length", -1);
    int heads = integer(gguf, arch + ".attention.head_count", -1);
    int kvHeads = integer(gguf, arch + ".attention.head_count_kv", heads);
    int headDim = integer(gguf, arch + ".attention.key_length", heads > 0 ? dim / heads : -1);
    GgufStandIn.TensorInfo embd = tensor(gguf, "token_embd.weight");
    int vocab = (int) embd.shape()[embd.shape().length > 1 ? 1 : 0];
    float freqScale = 1f;
    Object scalingType = gguf.metadata.get(arch + ".rope.scaling.type");
    if ("linear".equals(scalingType)) {
      float factor = real(gguf, arch + ".rope.scaling.factor", 1f);
      freqScale = 1f / factor;
    } else if (scalingType != null && !"none".equals(scalingType)) {
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
  static LlamaModel load(GgufStandIn gguf, TensorOps ops) {
    LlamaConfig c = config(gguf);
    int dim = c.dim();
    Weight embd = matrix(gguf, ops, "token_embd.weight", c.vocab(), dim);
    Weight outNorm = vector(gguf, ops, "output_norm.weight", dim);
    // Tied embeddings: without output.weight the output projection reuses the embedding table (llama.cpp does so).
    Weight output = gguf.tensors.containsKey("output.weight") ? matrix(gguf, ops, "output.weight", c.vocab(), dim)
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
    if (gguf.tensors.containsKey("rope_freqs.weight")) {
      // Llama 3.1+ "llama3" rope scaling: the converter stores one divisor per rotated pair.
      freqFactors = new float[c.ropeDims() / 2];
      GgufStandIn.TensorInfo t = tensor(gguf, "rope_freqs.weight");
      checkShape(t, new long[] {c.ropeDims() / 2});
      float[] row = new float[c.ropeDims() / 2];
      WeightMatrix.of(t.type(), gguf.data(t), 1, row.length).dequantizeRow(0, row, 0);
      freqFactors = row;
    }
    Rope rope = new Rope(c.ropeMode(), c.headDim(), c.ropeDims(), c.ropeBase(), c.ropeFreqScale(), freqFactors);
    return new LlamaModel(c, ops, embd, outNorm, output, blocks, rope);
  }

  private static Weight matrix(GgufStandIn gguf, TensorOps ops, String name, int rows, int cols) {
    GgufStandIn.TensorInfo t = tensor(gguf, name);
    checkShape(t, new long[] {cols, rows});
    return ops.weight(name, t.type(), gguf.data(t), rows, cols);
  }

  private static Weight vector(GgufStandIn gguf, TensorOps ops, String name, int length) {
    GgufStandIn.TensorInfo t = tensor(gguf, name);
    checkShape(t, new long[] {length});
    return ops.weight(name, t.type(), gguf.data(t), 1, length);
  }

  private static void checkShape(GgufStandIn.TensorInfo t, long[] expected) {
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

  private static GgufStandIn.TensorInfo tensor(GgufStandIn gguf, String name) {
    GgufStandIn.TensorInfo t = gguf.tensors.get(name);
    if (t == null) {
      throw new ModelLoadException("tensor " + name + " is missing", name, -1, null);
    }
    return t;
  }

  private static String string(GgufStandIn gguf, String key) {
    Object v = gguf.metadata.get(key);
    if (!(v instanceof String)) {
      throw new ModelLoadException("metadata " + key + " is missing or not a string", key, -1, null);
    }
    return (String) v;
  }

  private static int integer(GgufStandIn gguf, String key, int fallback) {
    Object v = gguf.metadata.get(key);
    if (v == null) {
      if (fallback < 0) {
        throw new ModelLoadException("metadata " + key + " is missing", key, -1, null);
      }
      return fallback;
    }
    if (!(v instanceof Long) || (Long) v < 0 || (Long) v > Integer.MAX_VALUE) {
      throw new ModelLoadException("metadata " + key + " is not a valid count: " + v, key, -1, null);
    }
    return (int) (long) (Long) v;
  }

  private static float real(GgufStandIn gguf, String key, float fallback) {
    Object v = gguf.metadata.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number)) {
      throw new ModelLoadException("metadata " + key + " is not a number: " + v, key, -1, null);
    }
    return ((Number) v).floatValue();
  }
}
