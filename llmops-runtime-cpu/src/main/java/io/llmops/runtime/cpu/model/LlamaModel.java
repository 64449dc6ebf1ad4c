package io.llmops.runtime.cpu.model;

import io.llmops.runtime.cpu.model.TensorOps.Activations;
import io.llmops.runtime.cpu.model.TensorOps.AttentionShape;
import io.llmops.runtime.cpu.model.TensorOps.KvCache;
import io.llmops.runtime.cpu.model.TensorOps.Weight;
import java.util.Objects;

/**
 * The llama-family decoder (Llama 2/3, Mistral, Qwen2) written once against {@link TensorOps}. Per block: RMSNorm,
 * Q/K/V projections (plus biases for qwen2), RoPE, grouped-query causal attention over the KV cache, output
 * projection and residual; RMSNorm, SwiGLU feed-forward and residual. Then the final norm and the output projection,
 * only for the rows whose logits are wanted. This follows llama.cpp's {@code llm_build_llama} / {@code
 * llm_build_qwen2} graphs.
 *
 * <p>Batches larger than the micro-batch are evaluated in consecutive chunks (like llama.cpp's {@code n_ubatch}), so
 * memory stays bounded whatever the prompt length.
 *
 * <p>Not thread-safe: one engine thread calls {@link #forward}. The weights are owned by the {@link TensorOps}
 * backend; {@link #close()} closes it.
 *
 * @since 0.1.0
 */
public final class LlamaModel implements AutoCloseable {
  /** Tokens per micro-batch. */
  static final int MICRO_BATCH = 64;
  /** Logit rows computed at once (bounds the {@code rows x vocab} buffer). */
  static final int LOGIT_ROWS = 8;

  /** The weights of one transformer block. */
  record Block(Weight attnNorm, Weight wq, Weight wk, Weight wv, Weight bq, Weight bk, Weight bv, Weight wo,
      Weight ffnNorm, Weight gate, Weight up, Weight down) {}

  private final LlamaConfig config;
  private final TensorOps ops;
  private final Weight tokenEmbedding;
  private final Weight outputNorm;
  private final Weight output;
  private final Block[] blocks;
  /** Per block, the weights that multiply the same input: {wq, wk, wv} and {gate, up} (one parallel step each). */
  private final Weight[][] qkv;
  private final Weight[][] gateUp;
  private final Activations[] qkvOut;
  private final Activations[] gateUpOut;
  private final Rope rope;
  private final AttentionShape shape;

  private final Activations x;
  private final Activations xb;
  private final Activations q;
  private final Activations k;
  private final Activations v;
  private final Activations att;
  private final Activations gate;
  private final Activations up;
  private final Activations logitIn;
  private final Activations logitOut;
  private final int[] tokens = new int[MICRO_BATCH];
  private final int[] positions = new int[MICRO_BATCH];
  private final KvCache[] caches = new KvCache[MICRO_BATCH];
  private final int[] logitRows = new int[MICRO_BATCH];
  private final int[] logitChunk = new int[LOGIT_ROWS];
  private final float[] logits;

  LlamaModel(LlamaConfig config, TensorOps ops, Weight tokenEmbedding, Weight outputNorm, Weight output,
      Block[] blocks, Rope rope) {
    this.config = config;
    this.ops = ops;
    this.tokenEmbedding = tokenEmbedding;
    this.outputNorm = outputNorm;
    this.output = output;
    this.blocks = blocks.clone();
    this.rope = rope;
    this.shape = new AttentionShape(config.heads(), config.kvHeads(), config.headDim());
    x = ops.activations(MICRO_BATCH, config.dim());
    xb = ops.activations(MICRO_BATCH, config.dim());
    q = ops.activations(MICRO_BATCH, config.qDim());
    k = ops.activations(MICRO_BATCH, config.kvDim());
    v = ops.activations(MICRO_BATCH, config.kvDim());
    att = ops.activations(MICRO_BATCH, config.qDim());
    gate = ops.activations(MICRO_BATCH, config.ffn());
    up = ops.activations(MICRO_BATCH, config.ffn());
    logitIn = ops.activations(LOGIT_ROWS, config.dim());
    logitOut = ops.activations(LOGIT_ROWS, config.vocab());
    logits = new float[config.vocab()];
    qkv = new Weight[blocks.length][];
    gateUp = new Weight[blocks.length][];
    for (int l = 0; l < blocks.length; l++) {
      qkv[l] = new Weight[] {blocks[l].wq(), blocks[l].wk(), blocks[l].wv()};
      gateUp[l] = new Weight[] {blocks[l].gate(), blocks[l].up()};
    }
    qkvOut = new Activations[] {q, k, v};
    gateUpOut = new Activations[] {gate, up};
  }

  /**
   * Returns the hyper-parameters.
   *
   * @return the config
   */
  public LlamaConfig config() {
    return config;
  }

  /**
   * Returns the backend.
   *
   * @return the ops
   */
  public TensorOps ops() {
    return ops;
  }

  /**
   * Allocates an empty KV cache for one sequence.
   *
   * @param capacity positions, at most the context length the caller allows
   * @return the cache
   */
  public KvCache newKvCache(int capacity) {
    return ops.kvCache(config.layers(), config.kvDim(), capacity);
  }

  /**
   * Evaluates a batch: stores every token's K/V in its sequence's cache and passes the logits of the rows that want
   * them to {@code sink}, in batch order.
   *
   * @param batch the tokens; ids must be in the vocabulary and positions below each cache's capacity
   * @param sink receives logits
   * @throws IllegalArgumentException if a token id or position is out of range
   */
  public void forward(Batch batch, LogitsSink sink) {
    Objects.requireNonNull(sink, "sink");
    for (int i = 0; i < batch.size(); i++) {
      int t = batch.token(i);
      if (t < 0 || t >= config.vocab()) {
        throw new IllegalArgumentException("token id " + t + " outside the vocabulary [0, " + config.vocab() + ")");
      }
      if (batch.position(i) < 0 || batch.position(i) >= batch.cache(i).capacity()) {
        throw new IllegalArgumentException("position " + batch.position(i) + " outside the KV cache");
      }
    }
    for (int from = 0; from < batch.size(); from += MICRO_BATCH) {
      micro(batch, from, Math.min(batch.size(), from + MICRO_BATCH), sink);
    }
  }

  private void micro(Batch batch, int from, int to, LogitsSink sink) {
    int n = to - from;
    int wanted = 0;
    for (int i = 0; i < n; i++) {
      tokens[i] = batch.token(from + i);
      positions[i] = batch.position(from + i);
      caches[i] = batch.cache(from + i);
      if (batch.wantsLogits(from + i)) {
        logitRows[wanted++] = i;
      }
    }
    float eps = config.rmsEps();
    ops.embed(tokenEmbedding, tokens, n, x);
    for (int l = 0; l < blocks.length; l++) {
      Block b = blocks[l];
      ops.rmsNorm(x, n, b.attnNorm(), eps, xb);
      ops.matMul(qkv[l], xb, n, qkvOut);
      if (b.bq() != null) {
        ops.addBias(q, n, b.bq());
        ops.addBias(k, n, b.bk());
        ops.addBias(v, n, b.bv());
      }
      ops.rope(q, n, config.heads(), positions, rope);
      ops.rope(k, n, config.kvHeads(), positions, rope);
      ops.attention(l, q, k, v, n, caches, positions, shape, att);
      ops.matMul(b.wo(), att, n, xb);
      ops.add(x, xb, n);

      ops.rmsNorm(x, n, b.ffnNorm(), eps, xb);
      ops.matMul(gateUp[l], xb, n, gateUpOut);
      ops.siluMul(gate, up, n);
      ops.matMul(b.down(), gate, n, xb);
      ops.add(x, xb, n);
    }
    // Only the rows that need logits go through the output projection (the largest matrix of small models).
    int[] chunk = logitChunk;
    for (int c = 0; c < wanted; c += LOGIT_ROWS) {
      int m = Math.min(LOGIT_ROWS, wanted - c);
      System.arraycopy(logitRows, c, chunk, 0, m);
      ops.gatherRows(x, chunk, m, logitIn);
      ops.rmsNorm(logitIn, m, outputNorm, eps, logitIn);
      ops.matMul(output, logitIn, m, logitOut);
      for (int r = 0; r < m; r++) {
        ops.read(logitOut, r, logits, 0);
        sink.accept(from + chunk[r], logits);
      }
    }
  }

  /** Closes the backend (its threads and memory). */
  @Override
  public void close() {
    ops.close();
  }
}
