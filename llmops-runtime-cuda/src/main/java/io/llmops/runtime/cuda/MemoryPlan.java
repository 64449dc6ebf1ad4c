package io.llmops.runtime.cuda;

import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.gguf.GgufTensorInfo;
import io.llmops.runtime.cpu.model.LlamaConfig;
import java.util.Locale;

/**
 * How much device memory a model needs: weights (as uploaded), activation buffers, and the KV budget
 * ({@code maxSequences} caches of {@code contextLength} F16 positions, the CPU runtime's budget semantics), plus a
 * reserve for the CUDA context and the driver's own allocations. Used to refuse a load that cannot fit before any
 * memory is allocated, and to say how many sequences would.
 *
 * <p>Immutable and thread-safe.
 *
 * @param weightBytes device bytes of the weights
 * @param activationBytes device bytes of the forward pass's activation buffers
 * @param kvBytesPerSequence device bytes of one sequence's KV cache at full context
 * @param maxSequences the KV budget in sequences
 * @param reserveBytes what is kept free for the context, modules and allocator granularity
 * @since 0.1.0
 */
public record MemoryPlan(long weightBytes, long activationBytes, long kvBytesPerSequence, int maxSequences,
    long reserveBytes) {

  /** Kept free beyond the plan: the primary context, the kernel modules and the driver's pools. */
  public static final long DEFAULT_RESERVE = 512L << 20;
  /** cuMemAlloc rounds every allocation up to this granularity (at least). */
  static final long ALLOCATION_GRANULE = 256;
  /** Rows of the forward pass's activation buffers: LlamaModel.MICRO_BATCH (package-private in the CPU runtime). */
  static final int MICRO_BATCH = 64;
  /** Rows of its logits buffers: LlamaModel.LOGIT_ROWS. */
  static final int LOGIT_ROWS = 8;

  /**
   * Plans a model.
   *
   * @param config the hyper-parameters
   * @param weightBytes from {@link #weightBytes(GgufFile)}
   * @param contextLength positions per sequence, at least 1
   * @param maxSequences the KV budget, at least 1
   * @return the plan
   * @throws IllegalArgumentException if a count is not positive
   */
  public static MemoryPlan of(LlamaConfig config, long weightBytes, int contextLength, int maxSequences) {
    if (contextLength < 1 || maxSequences < 1 || weightBytes < 0) {
      throw new IllegalArgumentException("context " + contextLength + ", sequences " + maxSequences + ", weights "
          + weightBytes);
    }
    long microFloats = (long) MICRO_BATCH
        * (2L * config.dim() + 2L * config.qDim() + 2L * config.kvDim() + 2L * config.ffn());
    long logitFloats = (long) LOGIT_ROWS * (config.dim() + (long) config.vocab());
    long activations = (microFloats + logitFloats) * Float.BYTES;
    long kv = Math.multiplyExact(config.kvBytesPerPosition(), (long) contextLength);
    return new MemoryPlan(weightBytes, activations, kv, maxSequences, DEFAULT_RESERVE);
  }

  /**
   * Returns the device bytes of the weights the forward pass uploads: every tensor of the file at its stored size,
   * except 1-D tensors (norm gains, biases), which are uploaded as F32, and {@code rope_freqs.weight}, which stays
   * on the host. Each allocation is rounded up to {@link #ALLOCATION_GRANULE}.
   *
   * @param gguf the model file
   * @return bytes
   */
  public static long weightBytes(GgufFile gguf) {
    long sum = 0;
    for (GgufTensorInfo t : gguf.tensors()) {
      if (t.name().equals("rope_freqs.weight")) {
        continue;
      }
      sum += round(significantRank(t) <= 1 ? t.elementCount() * Float.BYTES : t.byteSize());
    }
    return sum;
  }

  /**
   * Returns the KV bytes of the whole budget.
   *
   * @return {@code kvBytesPerSequence x maxSequences}
   */
  public long kvBytes() {
    return Math.multiplyExact(kvBytesPerSequence, (long) maxSequences);
  }

  /**
   * Returns everything the plan needs, reserve included.
   *
   * @return bytes
   */
  public long totalBytes() {
    return weightBytes + activationBytes + kvBytes() + reserveBytes;
  }

  /**
   * Returns whether the plan fits.
   *
   * @param freeBytes device memory free now
   * @return true if {@link #totalBytes()} fits
   */
  public boolean fits(long freeBytes) {
    return totalBytes() <= freeBytes;
  }

  /**
   * Returns how many full-context sequences fit next to the weights and activations.
   *
   * @param freeBytes device memory free now
   * @return 0 or more
   */
  public int sequencesThatFit(long freeBytes) {
    long left = freeBytes - weightBytes - activationBytes - reserveBytes;
    return left <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, left / kvBytesPerSequence);
  }

  /**
   * Describes the plan for error messages.
   *
   * @return e.g. {@code "weights 1.10 GiB + activations 0.05 GiB + KV 4 x 0.50 GiB + reserve 0.50 GiB = 3.65 GiB"}
   */
  public String describe() {
    return String.format(Locale.ROOT, "weights %.2f GiB + activations %.2f GiB + KV %d x %.2f GiB + reserve %.2f GiB"
        + " = %.2f GiB", gib(weightBytes), gib(activationBytes), maxSequences, gib(kvBytesPerSequence),
        gib(reserveBytes), gib(totalBytes()));
  }

  private static double gib(long b) {
    return b / (double) (1L << 30);
  }

  static long round(long bytes) {
    return (bytes + ALLOCATION_GRANULE - 1) / ALLOCATION_GRANULE * ALLOCATION_GRANULE;
  }

  private static int significantRank(GgufTensorInfo t) {
    int n = t.rank();
    while (n > 1 && t.dim(n - 1) == 1) {
      n--;
    }
    return n;
  }
}
