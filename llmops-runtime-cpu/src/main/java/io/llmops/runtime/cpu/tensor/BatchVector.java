package io.llmops.runtime.cpu.tensor;

import static io.llmops.runtime.cpu.tensor.VectorKernels.F;

import jdk.incubator.vector.FloatVector;

/**
 * The batch product ({@link WeightMatrix#matMul} with the Vector API kernels): {@code out[i][r] = W[r] . x[i]} for
 * {@code n} vectors {@code x[i]}, computed as a register-blocked matrix-matrix product (the outer-product form of
 * BLIS/GotoBLAS micro-kernels), not as {@code n * rows} dot products.
 *
 * <p>Layout. Once per call the activations are packed transposed, {@code lanes} tokens side by side
 * ({@code xp[g][k][l] = x[g * lanes + l][k]}, the batch zero-padded to a whole number of lanes), so one vector load
 * holds element {@code k} of {@code lanes} tokens. The weights are dequantised {@value #MR} rows by {@value #KC}
 * columns at a time into a small float tile ({@link WeightMatrix#dequantizeTile}, vectorised for Q8_0, Q4_0 and F32).
 * The micro-kernel keeps {@code MR x NV} accumulator vectors (6 rows by 4 vectors = 64 tokens on AVX-512): per
 * column {@code k} it loads 4 token vectors and broadcasts 6 weights, then issues 24 FMAs, so there are 10 loads per
 * 24 FMAs (the previous dot-product form loaded 5 vectors per 4 FMAs and reduced lanes per output). With 256-bit
 * vectors (AVX2, 16 registers) it is 4 rows by 2 vectors, which fits the register file. Each accumulator is one output row
 * for {@code lanes} tokens, so nothing is reduced across lanes; the result is transposed once when it is stored.
 *
 * <p>Cache blocking. A thread's rows are taken in panels of {@value #PANEL}, whose partial sums live in a
 * per-thread accumulator ({@code PANEL x nPad} floats). The columns are walked in spans whose packed activations fit
 * in L2 ({@code XP_BYTES}: 2048 columns for 64 tokens, all of them for most matrices of a 1B model); within a span
 * each group of {@value #MR} rows is dequantised {@value #KC} columns at a time into an L1 tile ({@code MR x KC},
 * 12 KiB) and multiplied with the span's activations, so each weight row is read sequentially. Rows are split over
 * the pool in large contiguous chunks; each thread has its own scratch arrays, reused across calls (nothing is
 * allocated per call in the steady state but the loop body lambda).
 *
 * <p>Numerics: each output is a sum in float of {@code KC}-element partial sums, each accumulated sequentially;
 * results differ from {@link WeightMatrix#dot} by float rounding only (see {@link WeightMatrix#matMul}).
 *
 * <p>Thread-safety: stateless apart from per-thread scratch; safe to call from several threads at once.
 */
final class BatchVector {

  /** Columns per cache block: a multiple of every block size (256 for the K-quants); 2 KiB of floats per row, long enough for the hardware prefetcher to stream each row piece (256 measured ~5% slower). */
  static final int KC = 512;

  /** Budget for the packed activations of one column span, kept in L2 (1 MiB per core on Zen 4, 2 MiB on others). */
  private static final int XP_BYTES = 512 * 1024;

  /**
   * Whether the vectors are 512-bit (16 float lanes): AVX-512 has 32 vector registers and takes the 6 x 4 kernel;
   * 256-bit AVX2 has 16, so it takes the 4 x 2 kernel (8 accumulators), which does not spill.
   */
  private static final boolean WIDE = F.length() >= 16;

  /** Weight rows per micro-kernel. */
  static final int MR = WIDE ? 6 : 4;

  /** Token vectors per micro-kernel (the wide kernel); a remainder uses a one-vector kernel. */
  private static final int NV = WIDE ? 4 : 2;

  /**
   * Rows whose partial sums are accumulated together ({@code PANEL x nPad} floats, 30 KiB for 64 tokens; a multiple
   * of both values of {@link #MR}): small enough to stay in L2 next to the packed activations of one column span,
   * whatever the thread's share of rows.
   */
  private static final int PANEL = 120;

  /** Output rows per chunk granule: 16 floats = one 64-byte cache line. */
  private static final int ROW_GRAIN = 16;

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private BatchVector() {}

  /** Per-thread buffers, grown on demand and kept. */
  private static final class Scratch {
    float[] packed = new float[0];
    float[] tile = new float[MR * KC];
    float[] acc = new float[0];

    float[] packed(int size) {
      if (packed.length < size) {
        packed = new float[size];
      }
      return packed;
    }

    float[] acc(int size) {
      if (acc.length < size) {
        acc = new float[size];
      }
      return acc;
    }
  }

  /** The whole product, arguments checked by the caller; {@code n >= 1}. */
  static void matMul(WeightMatrix m, float[] x, int n, float[] out, WorkerPool pool) {
    int lanes = F.length();
    int groups = (n + lanes - 1) / lanes;
    int cols = m.cols;
    float[] xp = SCRATCH.get().packed(groups * lanes * cols);
    pack(x, n, cols, groups, xp);
    pool.parallelFor(m.rows, ROW_GRAIN, (from, to) -> rows(m, xp, n, groups, out, from, to));
  }

  /**
   * {@code xp[(g * cols + k) * lanes + l] = x[(g * lanes + l) * cols + k]}, zero past the batch. Written in order
   * (column outer, token inner), reading {@code lanes} sequential streams: writing one token at a time would touch a
   * new cache line per element, and cost as much as a fifth of the product.
   */
  static void pack(float[] x, int n, int cols, int groups, float[] xp) {
    int lanes = F.length();
    for (int g = 0; g < groups; g++) {
      int base = g * cols * lanes;
      int first = g * lanes;
      int live = Math.min(lanes, n - first);
      for (int k = 0; k < cols; k++) {
        int o = base + k * lanes;
        int xo = first * cols + k;
        for (int l = 0; l < live; l++) {
          xp[o + l] = x[xo + l * cols];
        }
        for (int l = live; l < lanes; l++) {
          xp[o + l] = 0f;
        }
      }
    }
  }

  /** Output rows {@code [from, to)} for all {@code n} tokens, on the calling thread, one row panel at a time. */
  static void rows(WeightMatrix m, float[] xp, int n, int groups, float[] out, int from, int to) {
    for (int p = from; p < to; p += PANEL) {
      panel(m, xp, n, groups, out, p, Math.min(to, p + PANEL));
    }
  }

  /** Output rows {@code [from, to)}, at most {@value #PANEL}: accumulated in a per-thread buffer, then transposed. */
  private static void panel(WeightMatrix m, float[] xp, int n, int groups, float[] out, int from, int to) {
    int lanes = F.length();
    int nPad = groups * lanes;
    int cols = m.cols;
    Scratch s = SCRATCH.get();
    float[] acc = s.acc(PANEL * nPad);
    java.util.Arrays.fill(acc, 0, PANEL * nPad, 0f);
    float[] tile = s.tile;
    // Column spans whose packed activations fit XP_BYTES (L2); within a span each row group walks its KC blocks in
    // order, so every weight row is read sequentially for the whole span. (Walking all row groups per KC block
    // instead read each row in 544-byte pieces, and measured 1-4% slower in an interleaved A/B.)
    int span = Math.max(KC, XP_BYTES / Float.BYTES / nPad / KC * KC);
    for (int s0 = 0; s0 < cols; s0 += span) {
      int s1 = Math.min(cols, s0 + span);
      for (int r = from; r < to; r += MR) {
        int live = Math.min(MR, to - r);
        int accRow = (r - from) * nPad;
        for (int k0 = s0; k0 < s1; k0 += KC) {
          int kLen = Math.min(KC, s1 - k0);
          for (int j = 0; j < live; j++) {
            m.dequantizeTile(r + j, k0, kLen, tile, j * kLen);
          }
          if (live < MR) {
            java.util.Arrays.fill(tile, live * kLen, MR * kLen, 0f);
          }
          int g = 0;
          for (; g + NV <= groups; g += NV) {
            int xo = (g * cols + k0) * lanes;
            if (WIDE) {
              kernel6x4(tile, kLen, xp, xo, cols * lanes, acc, accRow + g * lanes, nPad);
            } else {
              kernel4x2(tile, kLen, xp, xo, cols * lanes, acc, accRow + g * lanes, nPad);
            }
          }
          for (; g < groups; g++) {
            int xo = (g * cols + k0) * lanes;
            if (WIDE) {
              kernel6x1(tile, kLen, xp, xo, acc, accRow + g * lanes, nPad);
            } else {
              kernel4x1(tile, kLen, xp, xo, acc, accRow + g * lanes, nPad);
            }
          }
        }
      }
    }
    int rows = m.rows;
    for (int i = 0; i < n; i++) {
      int o = i * rows;
      for (int r = from; r < to; r++) {
        out[o + r] = acc[(r - from) * nPad + i];
      }
    }
  }

  /**
   * Six weight rows ({@code tile[j * kLen + k]}) times four token vectors ({@code xp[xOffset + v * xStride + k *
   * lanes]}), added to {@code acc[accOffset + j * accStride + v * lanes]}: 24 accumulators, 4 token vectors and a
   * broadcast weight, 29 of the 32 vector registers of AVX-512 (6 rows measured ~5% faster than 4). One flat
   * method: every vector stays in a register (a vector passed to a method C2 does not inline is boxed).
   */
  static void kernel6x4(float[] tile, int kLen, float[] xp, int xOffset, int xStride, float[] acc, int accOffset,
      int accStride) {
    int lanes = F.length();
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = FloatVector.zero(F);
    FloatVector c02 = FloatVector.zero(F);
    FloatVector c03 = FloatVector.zero(F);
    FloatVector c10 = FloatVector.zero(F);
    FloatVector c11 = FloatVector.zero(F);
    FloatVector c12 = FloatVector.zero(F);
    FloatVector c13 = FloatVector.zero(F);
    FloatVector c20 = FloatVector.zero(F);
    FloatVector c21 = FloatVector.zero(F);
    FloatVector c22 = FloatVector.zero(F);
    FloatVector c23 = FloatVector.zero(F);
    FloatVector c30 = FloatVector.zero(F);
    FloatVector c31 = FloatVector.zero(F);
    FloatVector c32 = FloatVector.zero(F);
    FloatVector c33 = FloatVector.zero(F);
    FloatVector c40 = FloatVector.zero(F);
    FloatVector c41 = FloatVector.zero(F);
    FloatVector c42 = FloatVector.zero(F);
    FloatVector c43 = FloatVector.zero(F);
    FloatVector c50 = FloatVector.zero(F);
    FloatVector c51 = FloatVector.zero(F);
    FloatVector c52 = FloatVector.zero(F);
    FloatVector c53 = FloatVector.zero(F);
    int x1 = xStride;
    int x2 = 2 * xStride;
    int x3 = 3 * xStride;
    for (int k = 0; k < kLen; k++) {
      int xo = xOffset + k * lanes;
      FloatVector v0 = FloatVector.fromArray(F, xp, xo);
      FloatVector v1 = FloatVector.fromArray(F, xp, xo + x1);
      FloatVector v2 = FloatVector.fromArray(F, xp, xo + x2);
      FloatVector v3 = FloatVector.fromArray(F, xp, xo + x3);
      FloatVector w = FloatVector.broadcast(F, tile[k]);
      c00 = v0.fma(w, c00);
      c01 = v1.fma(w, c01);
      c02 = v2.fma(w, c02);
      c03 = v3.fma(w, c03);
      w = FloatVector.broadcast(F, tile[kLen + k]);
      c10 = v0.fma(w, c10);
      c11 = v1.fma(w, c11);
      c12 = v2.fma(w, c12);
      c13 = v3.fma(w, c13);
      w = FloatVector.broadcast(F, tile[2 * kLen + k]);
      c20 = v0.fma(w, c20);
      c21 = v1.fma(w, c21);
      c22 = v2.fma(w, c22);
      c23 = v3.fma(w, c23);
      w = FloatVector.broadcast(F, tile[3 * kLen + k]);
      c30 = v0.fma(w, c30);
      c31 = v1.fma(w, c31);
      c32 = v2.fma(w, c32);
      c33 = v3.fma(w, c33);
      w = FloatVector.broadcast(F, tile[4 * kLen + k]);
      c40 = v0.fma(w, c40);
      c41 = v1.fma(w, c41);
      c42 = v2.fma(w, c42);
      c43 = v3.fma(w, c43);
      w = FloatVector.broadcast(F, tile[5 * kLen + k]);
      c50 = v0.fma(w, c50);
      c51 = v1.fma(w, c51);
      c52 = v2.fma(w, c52);
      c53 = v3.fma(w, c53);
    }
    int a0 = accOffset;
    FloatVector.fromArray(F, acc, a0).add(c00).intoArray(acc, a0);
    FloatVector.fromArray(F, acc, a0 + lanes).add(c01).intoArray(acc, a0 + lanes);
    FloatVector.fromArray(F, acc, a0 + 2 * lanes).add(c02).intoArray(acc, a0 + 2 * lanes);
    FloatVector.fromArray(F, acc, a0 + 3 * lanes).add(c03).intoArray(acc, a0 + 3 * lanes);
    int a1 = accOffset + 1 * accStride;
    FloatVector.fromArray(F, acc, a1).add(c10).intoArray(acc, a1);
    FloatVector.fromArray(F, acc, a1 + lanes).add(c11).intoArray(acc, a1 + lanes);
    FloatVector.fromArray(F, acc, a1 + 2 * lanes).add(c12).intoArray(acc, a1 + 2 * lanes);
    FloatVector.fromArray(F, acc, a1 + 3 * lanes).add(c13).intoArray(acc, a1 + 3 * lanes);
    int a2 = accOffset + 2 * accStride;
    FloatVector.fromArray(F, acc, a2).add(c20).intoArray(acc, a2);
    FloatVector.fromArray(F, acc, a2 + lanes).add(c21).intoArray(acc, a2 + lanes);
    FloatVector.fromArray(F, acc, a2 + 2 * lanes).add(c22).intoArray(acc, a2 + 2 * lanes);
    FloatVector.fromArray(F, acc, a2 + 3 * lanes).add(c23).intoArray(acc, a2 + 3 * lanes);
    int a3 = accOffset + 3 * accStride;
    FloatVector.fromArray(F, acc, a3).add(c30).intoArray(acc, a3);
    FloatVector.fromArray(F, acc, a3 + lanes).add(c31).intoArray(acc, a3 + lanes);
    FloatVector.fromArray(F, acc, a3 + 2 * lanes).add(c32).intoArray(acc, a3 + 2 * lanes);
    FloatVector.fromArray(F, acc, a3 + 3 * lanes).add(c33).intoArray(acc, a3 + 3 * lanes);
    int a4 = accOffset + 4 * accStride;
    FloatVector.fromArray(F, acc, a4).add(c40).intoArray(acc, a4);
    FloatVector.fromArray(F, acc, a4 + lanes).add(c41).intoArray(acc, a4 + lanes);
    FloatVector.fromArray(F, acc, a4 + 2 * lanes).add(c42).intoArray(acc, a4 + 2 * lanes);
    FloatVector.fromArray(F, acc, a4 + 3 * lanes).add(c43).intoArray(acc, a4 + 3 * lanes);
    int a5 = accOffset + 5 * accStride;
    FloatVector.fromArray(F, acc, a5).add(c50).intoArray(acc, a5);
    FloatVector.fromArray(F, acc, a5 + lanes).add(c51).intoArray(acc, a5 + lanes);
    FloatVector.fromArray(F, acc, a5 + 2 * lanes).add(c52).intoArray(acc, a5 + 2 * lanes);
    FloatVector.fromArray(F, acc, a5 + 3 * lanes).add(c53).intoArray(acc, a5 + 3 * lanes);
  }

  /** Six weight rows times one token vector: the remainder of {@link #kernel6x4}, same conventions. */
  static void kernel6x1(float[] tile, int kLen, float[] xp, int xOffset, float[] acc, int accOffset, int accStride) {
    int lanes = F.length();
    FloatVector c0 = FloatVector.zero(F);
    FloatVector c1 = FloatVector.zero(F);
    FloatVector c2 = FloatVector.zero(F);
    FloatVector c3 = FloatVector.zero(F);
    FloatVector c4 = FloatVector.zero(F);
    FloatVector c5 = FloatVector.zero(F);
    for (int k = 0; k < kLen; k++) {
      FloatVector v = FloatVector.fromArray(F, xp, xOffset + k * lanes);
      c0 = v.fma(FloatVector.broadcast(F, tile[k]), c0);
      c1 = v.fma(FloatVector.broadcast(F, tile[kLen + k]), c1);
      c2 = v.fma(FloatVector.broadcast(F, tile[2 * kLen + k]), c2);
      c3 = v.fma(FloatVector.broadcast(F, tile[3 * kLen + k]), c3);
      c4 = v.fma(FloatVector.broadcast(F, tile[4 * kLen + k]), c4);
      c5 = v.fma(FloatVector.broadcast(F, tile[5 * kLen + k]), c5);
    }
    FloatVector.fromArray(F, acc, accOffset).add(c0).intoArray(acc, accOffset);
    FloatVector.fromArray(F, acc, accOffset + accStride).add(c1).intoArray(acc, accOffset + accStride);
    FloatVector.fromArray(F, acc, accOffset + 2 * accStride).add(c2).intoArray(acc, accOffset + 2 * accStride);
    FloatVector.fromArray(F, acc, accOffset + 3 * accStride).add(c3).intoArray(acc, accOffset + 3 * accStride);
    FloatVector.fromArray(F, acc, accOffset + 4 * accStride).add(c4).intoArray(acc, accOffset + 4 * accStride);
    FloatVector.fromArray(F, acc, accOffset + 5 * accStride).add(c5).intoArray(acc, accOffset + 5 * accStride);
  }

  /** Four weight rows times two token vectors: the kernel for 256-bit vectors (16 registers), same conventions. */
  static void kernel4x2(float[] tile, int kLen, float[] xp, int xOffset, int xStride, float[] acc, int accOffset,
      int accStride) {
    int lanes = F.length();
    FloatVector c00 = FloatVector.zero(F);
    FloatVector c01 = FloatVector.zero(F);
    FloatVector c10 = FloatVector.zero(F);
    FloatVector c11 = FloatVector.zero(F);
    FloatVector c20 = FloatVector.zero(F);
    FloatVector c21 = FloatVector.zero(F);
    FloatVector c30 = FloatVector.zero(F);
    FloatVector c31 = FloatVector.zero(F);
    for (int k = 0; k < kLen; k++) {
      int xo = xOffset + k * lanes;
      FloatVector v0 = FloatVector.fromArray(F, xp, xo);
      FloatVector v1 = FloatVector.fromArray(F, xp, xo + xStride);
      FloatVector w = FloatVector.broadcast(F, tile[k]);
      c00 = v0.fma(w, c00);
      c01 = v1.fma(w, c01);
      w = FloatVector.broadcast(F, tile[kLen + k]);
      c10 = v0.fma(w, c10);
      c11 = v1.fma(w, c11);
      w = FloatVector.broadcast(F, tile[2 * kLen + k]);
      c20 = v0.fma(w, c20);
      c21 = v1.fma(w, c21);
      w = FloatVector.broadcast(F, tile[3 * kLen + k]);
      c30 = v0.fma(w, c30);
      c31 = v1.fma(w, c31);
    }
    int a0 = accOffset;
    int a1 = accOffset + accStride;
    int a2 = accOffset + 2 * accStride;
    int a3 = accOffset + 3 * accStride;
    FloatVector.fromArray(F, acc, a0).add(c00).intoArray(acc, a0);
    FloatVector.fromArray(F, acc, a0 + lanes).add(c01).intoArray(acc, a0 + lanes);
    FloatVector.fromArray(F, acc, a1).add(c10).intoArray(acc, a1);
    FloatVector.fromArray(F, acc, a1 + lanes).add(c11).intoArray(acc, a1 + lanes);
    FloatVector.fromArray(F, acc, a2).add(c20).intoArray(acc, a2);
    FloatVector.fromArray(F, acc, a2 + lanes).add(c21).intoArray(acc, a2 + lanes);
    FloatVector.fromArray(F, acc, a3).add(c30).intoArray(acc, a3);
    FloatVector.fromArray(F, acc, a3 + lanes).add(c31).intoArray(acc, a3 + lanes);
  }

  /** Four weight rows times one token vector: the remainder of {@link #kernel4x2}, same conventions. */
  static void kernel4x1(float[] tile, int kLen, float[] xp, int xOffset, float[] acc, int accOffset, int accStride) {
    int lanes = F.length();
    FloatVector c0 = FloatVector.zero(F);
    FloatVector c1 = FloatVector.zero(F);
    FloatVector c2 = FloatVector.zero(F);
    FloatVector c3 = FloatVector.zero(F);
    for (int k = 0; k < kLen; k++) {
      FloatVector v = FloatVector.fromArray(F, xp, xOffset + k * lanes);
      c0 = v.fma(FloatVector.broadcast(F, tile[k]), c0);
      c1 = v.fma(FloatVector.broadcast(F, tile[kLen + k]), c1);
      c2 = v.fma(FloatVector.broadcast(F, tile[2 * kLen + k]), c2);
      c3 = v.fma(FloatVector.broadcast(F, tile[3 * kLen + k]), c3);
    }
    FloatVector.fromArray(F, acc, accOffset).add(c0).intoArray(acc, accOffset);
    FloatVector.fromArray(F, acc, accOffset + accStride).add(c1).intoArray(acc, accOffset + accStride);
    FloatVector.fromArray(F, acc, accOffset + 2 * accStride).add(c2).intoArray(acc, accOffset + 2 * accStride);
    FloatVector.fromArray(F, acc, accOffset + 3 * accStride).add(c3).intoArray(acc, accOffset + 3 * accStride);
  }
}
