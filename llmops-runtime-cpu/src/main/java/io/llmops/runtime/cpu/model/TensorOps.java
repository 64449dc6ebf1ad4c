package io.llmops.runtime.cpu.model;

import io.llmops.runtime.cpu.tensor.GgmlType;
import java.nio.ByteBuffer;

/**
 * The operations a transformer forward pass needs, implemented once per backend (CPU here, CUDA later), so that each
 * model architecture ({@link LlamaModel}) is written once (STYLE.md point 4).
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Everything that is large stays behind a handle.</b> Weights ({@link Weight}), activations ({@link
 *       Activations}) and KV caches ({@link KvCache}) are opaque: the CPU backend holds Java arrays and mapped
 *       buffers, a GPU backend holds device pointers. The only host transfers are token ids and positions in, and
 *       {@link #read} of the rows whose logits are needed out.
 *   <li><b>Batches of tokens, row-major.</b> An {@link Activations} holds up to {@code capacity} rows of {@code width}
 *       floats; row {@code i} belongs to token {@code i} of the current batch. Every op takes the number of valid
 *       rows {@code n}, so one set of buffers serves prefill chunks and single-token decode steps.
 *   <li><b>Tokens of different sequences may share a batch.</b> {@link #attention} receives, per row, the sequence's
 *       {@link KvCache} and the token's position: it first stores every row's K and V at that position, then lets
 *       each row attend to positions {@code 0..position} of its own sequence (causal, grouped-query). This is what
 *       continuous batching needs, and prefill is the special case of one sequence with consecutive positions.
 *   <li><b>Weights are matrices of {@code rows x cols} in ggml layout</b> (each row contiguous, {@code cols} = the
 *       input width); a 1-D tensor (a norm gain or a bias) is a matrix of one row. The backend picks the kernel from
 *       the {@link GgmlType}.
 *   <li>Implementations are used by one thread at a time (the engine thread of a model); they may use worker
 *       threads inside an op. Ops are synchronous from the caller's point of view.
 * </ul>
 *
 * @since 0.1.0
 */
public interface TensorOps extends AutoCloseable {

  /**
   * Returns the backend's short name, e.g. {@code "cpu"}.
   *
   * @return the name
   */
  String name();

  /**
   * Returns how many threads the backend computes with.
   *
   * @return at least 1
   */
  int threads();

  /**
   * Returns the CPU time used so far by the threads that compute for this backend (the calling engine thread and its
   * workers), for per-request cost accounting.
   *
   * @return nanoseconds of thread CPU time, or 0 when the JVM cannot measure it
   */
  long cpuTimeNanos();

  /**
   * Wraps (CPU) or uploads (GPU) a weight tensor.
   *
   * @param name the tensor name, for error messages
   * @param type its element type
   * @param data its bytes, little-endian, exactly {@code rows x cols} elements; the backend may keep a reference
   * @param rows the number of rows (output width of a matrix; 1 for a vector)
   * @param cols the row length (input width)
   * @return the handle
   * @throws io.llmops.ModelLoadException if the backend has no kernel for the type
   */
  Weight weight(String name, GgmlType type, ByteBuffer data, int rows, int cols);

  /**
   * Allocates an activation buffer.
   *
   * @param capacity the maximum number of rows (tokens)
   * @param width the row length
   * @return the buffer, zero-filled
   */
  Activations activations(int capacity, int width);

  /**
   * Allocates the KV cache of one sequence. Backends may grow the storage lazily up to {@code capacity}.
   *
   * @param layers the number of transformer blocks
   * @param kvWidth {@code kvHeads x headDim}
   * @param capacity the maximum number of positions
   * @return the cache, empty
   */
  KvCache kvCache(int layers, int kvWidth, int capacity);

  /**
   * Looks up token embeddings: row {@code i} of {@code out} becomes row {@code tokens[i]} of {@code table}.
   *
   * @param table the embedding table, one row per vocabulary entry
   * @param tokens the token ids, each in {@code [0, table rows)}
   * @param n the number of tokens
   * @param out the destination, width = table columns
   */
  void embed(Weight table, int[] tokens, int n, Activations out);

  /**
   * RMS normalisation: {@code out[i] = x[i] / sqrt(mean(x[i]^2) + eps) * gain}.
   *
   * @param x the input
   * @param n the number of rows
   * @param gain the per-column gain (a one-row weight)
   * @param eps the epsilon ({@code attention.layer_norm_rms_epsilon})
   * @param out the destination (may be {@code x})
   */
  void rmsNorm(Activations x, int n, Weight gain, float eps, Activations out);

  /**
   * Matrix product {@code out[t] = W x[t]} for each row {@code t < n}.
   *
   * @param w the weight, {@code rows x cols}
   * @param x the input, width {@code cols}
   * @param n the number of rows of {@code x}
   * @param out the destination, width {@code rows}
   */
  void matMul(Weight w, Activations x, int n, Activations out);

  /**
   * Several products of the same input, {@code outs[i][t] = ws[i] x[t]}: the same results as {@link #matMul} for each
   * pair, which is what this default does. A backend may run them as one parallel step; the CPU backend does for a
   * single token (decode), which saves the thread synchronisations between the Q, K and V projections and between
   * the gate and up projections.
   *
   * @param ws the weights, all with {@code cols} columns
   * @param x the input, width {@code cols}
   * @param n the number of rows of {@code x}
   * @param outs the destinations, as many as {@code ws}; {@code outs[i]} of width {@code ws[i].rows()}
   */
  default void matMul(Weight[] ws, Activations x, int n, Activations[] outs) {
    for (int i = 0; i < ws.length; i++) {
      matMul(ws[i], x, n, outs[i]);
    }
  }

  /**
   * Adds a bias row to each of the first {@code n} rows.
   *
   * @param x the buffer to update
   * @param n the number of rows
   * @param bias a one-row weight of width {@code x}'s width
   */
  void addBias(Activations x, int n, Weight bias);

  /**
   * Residual connection: {@code x += y} over the first {@code n} rows.
   *
   * @param x the buffer to update
   * @param y the addend, same width
   * @param n the number of rows
   */
  void add(Activations x, Activations y, int n);

  /**
   * Rotary position embedding, in place, per head.
   *
   * @param x the buffer, width {@code heads x headDim}
   * @param n the number of rows
   * @param heads the number of heads in a row
   * @param positions the position of each row
   * @param rope the rotation parameters
   */
  void rope(Activations x, int n, int heads, int[] positions, Rope rope);

  /**
   * Stores each row's K and V in its sequence's cache at its position (for {@code layer}), then computes causal
   * scaled-dot-product attention of each row's queries over positions {@code 0..positions[i]} of its sequence.
   *
   * @param layer the block index
   * @param q queries, width {@code heads x headDim}
   * @param k keys, width {@code kvHeads x headDim}
   * @param v values, width {@code kvHeads x headDim}
   * @param n the number of rows
   * @param caches the cache of each row's sequence
   * @param positions the position of each row, below its cache's capacity
   * @param shape the head layout
   * @param out the destination, width {@code heads x headDim}
   */
  void attention(int layer, Activations q, Activations k, Activations v, int n, KvCache[] caches, int[] positions,
      AttentionShape shape, Activations out);

  /**
   * SwiGLU: {@code gate = silu(gate) * up} over the first {@code n} rows.
   *
   * @param gate the gate projection, updated in place
   * @param up the up projection, same width
   * @param n the number of rows
   */
  void siluMul(Activations gate, Activations up, int n);

  /**
   * Gathers rows: {@code dst[i] = src[rows[i]]} for {@code i < count}.
   *
   * @param src the source
   * @param rows the row indices
   * @param count how many rows to copy
   * @param dst the destination, same width
   */
  void gatherRows(Activations src, int[] rows, int count, Activations dst);

  /**
   * Copies one row to the host.
   *
   * @param x the buffer
   * @param row the row index
   * @param dst the destination array
   * @param offset where to write in {@code dst}
   */
  void read(Activations x, int row, float[] dst, int offset);

  /** Frees the backend's threads and memory. Idempotent. */
  @Override
  void close();

  /**
   * An opaque weight held by a backend.
   *
   * @since 0.1.0
   */
  interface Weight {
    /**
     * Returns the number of rows.
     *
     * @return rows
     */
    int rows();

    /**
     * Returns the row length.
     *
     * @return columns
     */
    int cols();

    /**
     * Returns the element type.
     *
     * @return the type
     */
    GgmlType type();
  }

  /**
   * An opaque batch of activation rows held by a backend.
   *
   * @since 0.1.0
   */
  interface Activations {
    /**
     * Returns the maximum number of rows.
     *
     * @return rows
     */
    int capacity();

    /**
     * Returns the row length.
     *
     * @return floats per row
     */
    int width();
  }

  /**
   * The K and V history of one sequence for every layer. Not thread-safe; owned by one sequence at a time.
   *
   * @since 0.1.0
   */
  interface KvCache {
    /**
     * Returns the maximum number of positions.
     *
     * @return positions
     */
    int capacity();

    /**
     * Returns the bytes currently allocated.
     *
     * @return bytes
     */
    long bytes();

    /**
     * Forgets every stored position (the storage may be kept for reuse).
     */
    void clear();

    /** Frees the storage; the cache must not be used afterwards. */
    void free();
  }

  /**
   * The head layout of attention.
   *
   * @param heads query heads
   * @param kvHeads key/value heads ({@code heads} is a multiple of it: grouped-query attention)
   * @param headDim the width of one head
   * @since 0.1.0
   */
  record AttentionShape(int heads, int kvHeads, int headDim) {}
}
