package io.llmops.runtime.cpu.model;

import io.llmops.ModelLoadException;
import java.util.List;

/**
 * The hyper-parameters of a llama-family model, read from GGUF metadata ({@code {arch}.*} keys as written by
 * llama.cpp's {@code convert_hf_to_gguf.py}). Immutable.
 *
 * @param architecture {@code general.architecture}
 * @param dim {@code embedding_length}
 * @param layers {@code block_count}
 * @param heads {@code attention.head_count}
 * @param kvHeads {@code attention.head_count_kv} (defaults to {@code heads})
 * @param headDim {@code attention.key_length} (defaults to {@code dim / heads})
 * @param ffn {@code feed_forward_length}
 * @param vocab rows of {@code token_embd.weight}
 * @param rmsEps {@code attention.layer_norm_rms_epsilon}
 * @param trainedContext {@code context_length}
 * @param ropeDims {@code rope.dimension_count} (defaults to {@code headDim})
 * @param ropeBase {@code rope.freq_base} (default 10000)
 * @param ropeFreqScale {@code 1 / rope.scaling.factor} when {@code rope.scaling.type} is {@code linear}, else 1
 * @param ropeMode pairing of rotated dimensions (NORMAL for llama, NEOX for qwen2)
 * @param qkvBias whether the attention projections carry biases (qwen2)
 * @since 0.1.0
 */
public record LlamaConfig(String architecture, int dim, int layers, int heads, int kvHeads, int headDim, int ffn,
    int vocab, float rmsEps, int trainedContext, int ropeDims, float ropeBase, float ropeFreqScale, Rope.Mode ropeMode,
    boolean qkvBias) {

  /** The architectures this forward pass implements ({@code general.architecture}). */
  public static final List<String> SUPPORTED_ARCHITECTURES = List.of("llama", "qwen2");

  /**
   * Validates the values.
   *
   * @throws ModelLoadException if a value is impossible (naming the metadata key)
   */
  public LlamaConfig {
    check(dim > 0, architecture + ".embedding_length", dim);
    check(layers > 0 && layers <= 4096, architecture + ".block_count", layers);
    check(heads > 0 && heads <= dim, architecture + ".attention.head_count", heads);
    check(kvHeads > 0 && heads % kvHeads == 0, architecture + ".attention.head_count_kv", kvHeads);
    check(headDim > 0 && headDim <= 4096, architecture + ".attention.key_length", headDim);
    check(ffn > 0, architecture + ".feed_forward_length", ffn);
    check(vocab > 0, "token_embd.weight rows", vocab);
    check(trainedContext > 0, architecture + ".context_length", trainedContext);
    check(ropeDims > 0 && ropeDims <= headDim && ropeDims % 2 == 0, architecture + ".rope.dimension_count",
        ropeDims);
    if (!(rmsEps > 0 && rmsEps < 1)) {
      throw new ModelLoadException(architecture + ".attention.layer_norm_rms_epsilon out of range: " + rmsEps);
    }
    if (!(ropeBase > 1) || !(ropeFreqScale > 0)) {
      throw new ModelLoadException(architecture + ".rope.freq_base / rope.scaling.factor out of range: " + ropeBase
          + ", " + ropeFreqScale);
    }
  }

  private static void check(boolean ok, String key, long value) {
    if (!ok) {
      throw new ModelLoadException("metadata " + key + " out of range: " + value);
    }
  }

  /**
   * Returns the width of a K or V row, {@code kvHeads x headDim}.
   *
   * @return the width
   */
  public int kvDim() {
    return kvHeads * headDim;
  }

  /**
   * Returns the width of a Q row, {@code heads x headDim}.
   *
   * @return the width
   */
  public int qDim() {
    return heads * headDim;
  }

  /**
   * Returns the bytes of F16 KV cache one position takes over all layers.
   *
   * @return bytes per position
   */
  public long kvBytesPerPosition() {
    return 2L * layers * kvDim() * Short.BYTES;
  }
}
