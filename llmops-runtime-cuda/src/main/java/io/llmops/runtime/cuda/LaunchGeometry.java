package io.llmops.runtime.cuda;

import io.llmops.runtime.cpu.tensor.GgmlType;

/**
 * Grid and block sizes of every kernel, for a shape. Pure arithmetic, so it is unit-tested without a GPU; the
 * constants mirror the {@code #define}s of the CUDA sources ({@code LaunchGeometryTest} parses them and compares).
 *
 * <p>CUDA limits respected here: at most 1024 threads per block, {@code gridDim.y <= 65535}; the kernels that loop
 * with a grid stride get at most {@link #MAX_STRIDE_BLOCKS} blocks.
 *
 * <p>Stateless and thread-safe.
 */
final class LaunchGeometry {
  private LaunchGeometry() {}

  /** {@code MM_THREADS}: threads per matrix-product block, one warp per weight row. */
  static final int MM_THREADS = 128;
  /** {@code MM_TOKENS}: activation rows one block of {@code llmops_matmul_*} multiplies. */
  static final int MM_TOKENS = 8;
  /** {@code OPS_THREADS}: threads per block of the row and element-wise kernels. */
  static final int OPS_THREADS = 256;
  /** {@code SELECT_THREADS}: threads per block of argmax and top-k. */
  static final int SELECT_THREADS = 1024;
  /** {@code ATT_THREADS}: threads per attention block (one block per head and row). */
  static final int ATT_THREADS = 128;
  /** {@code ATT_MAX_HEAD_DIM}: the largest head size the attention kernel holds in registers. */
  static final int ATT_MAX_HEAD_DIM = 256;
  /** Cap on blocks of grid-stride kernels: enough to fill any current GPU several times over. */
  static final int MAX_STRIDE_BLOCKS = 4096;
  /** CUDA's limit on {@code gridDim.y}. */
  static final int MAX_GRID_Y = 65535;

  /**
   * A launch shape: {@code gridX x gridY} blocks of {@code blockX} threads.
   *
   * @param gridX blocks in x
   * @param gridY blocks in y
   * @param blockX threads per block
   */
  record Launch(int gridX, int gridY, int blockX) {
    Launch {
      if (gridX < 1 || gridY < 1 || gridY > MAX_GRID_Y || blockX < 32 || blockX > 1024 || blockX % 32 != 0) {
        throw new IllegalArgumentException("invalid launch " + gridX + "x" + gridY + " blocks of " + blockX);
      }
    }

    long threads() {
      return (long) gridX * gridY * blockX;
    }

    @Override
    public String toString() {
      return "<<<(" + gridX + "," + gridY + ")," + blockX + ">>>";
    }
  }

  /** Decode uses the one-token kernel, which keeps no idle accumulators; batches use the tiled one. */
  static String matMulKernel(GgmlType type, int n) {
    return (n == 1 ? "llmops_matvec_" : "llmops_matmul_") + suffix(type);
  }

  /** {@code out[n x rows] = x[n x cols] W^T}: a warp per row, {@link #MM_TOKENS} tokens per block in y. */
  static Launch matMul(int rows, int n) {
    positive(rows, "rows");
    positive(n, "n");
    int tokens = n == 1 ? 1 : MM_TOKENS;
    return new Launch(ceil(rows, MM_THREADS / 32), ceil(n, tokens), MM_THREADS);
  }

  /** Embedding lookup: a thread per element (plain types) or per 32-element unit (quantised), a row per y. */
  static Launch embed(GgmlType type, int cols, int n) {
    int work = plain(type) ? cols : cols / 32;
    return new Launch(ceil(work, OPS_THREADS), n, OPS_THREADS);
  }

  /** One block per row: RMSNorm and softmax. */
  static Launch rows(int n) {
    positive(n, "n");
    return new Launch(n, 1, OPS_THREADS);
  }

  /** Grid-stride element-wise kernels over {@code count} elements (residual, bias, SwiGLU, RoPE pairs). */
  static Launch elementwise(long count) {
    if (count < 1) {
      throw new IllegalArgumentException("element count must be >= 1, got " + count);
    }
    return new Launch((int) Math.min(MAX_STRIDE_BLOCKS, (count + OPS_THREADS - 1) / OPS_THREADS), 1, OPS_THREADS);
  }

  /** RoPE: one thread per (row, head, rotated pair). */
  static Launch rope(int n, int heads, int rotatedDims) {
    return elementwise((long) n * heads * (rotatedDims / 2));
  }

  /** Row gathers and KV stores: a thread per element of a row, a row per y. */
  static Launch perRowElements(int width, int n) {
    positive(width, "width");
    return new Launch(ceil(width, OPS_THREADS), n, OPS_THREADS);
  }

  /** Attention: one block per (head, row). */
  static Launch attention(int heads, int headDim, int n) {
    if (headDim > ATT_MAX_HEAD_DIM) {
      throw new IllegalArgumentException("head size " + headDim + " exceeds the attention kernel's "
          + ATT_MAX_HEAD_DIM);
    }
    positive(heads, "heads");
    return new Launch(heads, n, ATT_THREADS);
  }

  /** Argmax and top-k: one 1024-thread block per row. */
  static Launch select(int n) {
    positive(n, "n");
    return new Launch(n, 1, SELECT_THREADS);
  }

  /** The kernel name suffix of a type; exhaustive, so a new GgmlType fails to compile until it is decided here. */
  static String suffix(GgmlType type) {
    return switch (type) {
      case F32 -> "f32";
      case F16 -> "f16";
      case BF16 -> "bf16";
      case Q8_0 -> "q8_0";
      case Q4_0 -> "q4_0";
      case Q4_K -> "q4_k";
      case Q6_K -> "q6_k";
      case Q4_1, Q5_0, Q5_1, Q8_1, Q2_K, Q3_K, Q5_K, Q8_K, IQ2_XXS, IQ2_XS, IQ3_XXS, IQ1_S, IQ4_NL, IQ3_S, IQ2_S,
          IQ4_XS, I8, I16, I32, I64, F64, IQ1_M, TQ1_0, TQ2_0, MXFP4 -> throw new IllegalArgumentException(
              "tensor type " + type + " has no CUDA kernel (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K)");
    };
  }

  static boolean plain(GgmlType type) {
    return type == GgmlType.F32 || type == GgmlType.F16 || type == GgmlType.BF16;
  }

  private static int ceil(long a, int b) {
    long c = (a + b - 1) / b;
    if (c > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("grid of " + c + " blocks is too large");
    }
    return (int) Math.max(1, c);
  }

  private static void positive(int v, String what) {
    if (v < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, got " + v);
    }
  }
}
