package io.llmops.runtime.cpu.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * An immutable {@code rows x cols} weight matrix read in place from the raw bytes of a GGUF tensor, and the
 * products the forward pass needs: row dot products, matrix-vector and matrix-matrix products, row dequantisation.
 *
 * <p>Layout is ggml's: a row is {@code cols} contiguous elements ({@code ne[0]}), there are {@code rows}
 * ({@code ne[1]}) rows, and each row is a whole number of the type's blocks. The bytes are never copied: the matrix
 * reads the (usually memory-mapped) buffer it was given. Supported types: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q6_K.
 *
 * <p>Design note: each type is one package-private class holding the scalar reference kernels (the test oracle)
 * and delegating, when the Vector API is available, to a vectorised kernel class; {@link #of} picks the class with
 * an exhaustive {@code switch}, so a new format is one class plus one {@code case}. Float activations are used
 * throughout (no int8 activation quantisation): on Java 17 the Vector API has no int8 dot-product instruction, and
 * measured Q8_0 x Q8_0 dots were slower than Q8_0 x float ones.
 *
 * <p>Thread-safety: immutable and thread-safe; the products write only to the caller's output arrays.
 *
 * @since 0.1.0
 */
public abstract class WeightMatrix {

  /** Target bytes of weights per cache tile in {@link #matMul}: fits the L2 cache of current x86 and ARM cores. */
  private static final int TILE_BYTES = 128 * 1024;

  /** Smallest batch for which {@link #matMul} uses the blocked product (below it, dequantising costs more than it saves). */
  private static final int BATCH_MIN = 8;

  /** Output rows per chunk granule: 16 floats = one 64-byte cache line, so threads never share a line of out. */
  private static final int ROW_GRAIN = 16;

  private final GgmlType type;
  /** Little-endian view of the tensor bytes; absolute reads only, index 0 is the first byte. */
  final ByteBuffer data;
  final int rows;
  final int cols;
  /** Bytes per row. */
  final int rowBytes;
  /** Whether this instance delegates to the Vector API kernels. */
  final boolean vector;
  private final int tileRows;

  WeightMatrix(GgmlType type, ByteBuffer data, int rows, int cols, boolean vector) {
    this.type = type;
    this.data = data;
    this.rows = rows;
    this.cols = cols;
    this.rowBytes = (int) type.byteSize(cols);
    this.vector = vector;
    this.tileRows = Math.max(1, Math.min(256, TILE_BYTES / rowBytes));
  }

  /**
   * Wraps the raw bytes of a tensor, using the fastest kernels available in this JVM.
   *
   * @param type the element type
   * @param data the tensor bytes, byte 0 at index 0 (the position is ignored), exactly
   *     {@code rows * type.byteSize(cols)} bytes up to the limit; any byte order (it is read little-endian); not
   *     copied, so it must stay valid and unchanged while the matrix is in use
   * @param rows number of rows ({@code ne[1]}), {@code >= 1}
   * @param cols elements per row ({@code ne[0]}), {@code >= 1}, a multiple of {@code type.blockSize()}
   * @return the matrix
   * @throws IllegalArgumentException if the type has no CPU kernel, a dimension is not positive, {@code cols} is not
   *     a whole number of blocks, or the buffer size does not match
   * @throws NullPointerException if {@code type} or {@code data} is null
   */
  public static WeightMatrix of(GgmlType type, ByteBuffer data, int rows, int cols) {
    return create(type, data, rows, cols, Kernels.vectorEnabled());
  }

  /** Same as {@link #of}, with the kernel family chosen by the caller (tests compare both). */
  static WeightMatrix create(GgmlType type, ByteBuffer data, int rows, int cols, boolean vector) {
    if (type == null || data == null) {
      throw new NullPointerException(type == null ? "type" : "data");
    }
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException(type + " matrix: rows and cols must be >= 1, got " + rows + "x" + cols);
    }
    if (cols % type.blockSize() != 0) {
      throw new IllegalArgumentException(
          type + " matrix: cols " + cols + " is not a multiple of the block size " + type.blockSize());
    }
    long expected = type.byteSize(cols) * rows;
    if (data.limit() != expected) {
      throw new IllegalArgumentException(type + " matrix " + rows + "x" + cols + ": expected " + expected
          + " bytes, buffer has " + data.limit());
    }
    ByteBuffer le = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    return switch (type) {
      case F32 -> new F32Matrix(le, rows, cols, vector);
      case F16 -> new F16Matrix(le, rows, cols, vector);
      case BF16 -> new BF16Matrix(le, rows, cols, vector);
      case Q8_0 -> new Q8_0Matrix(le, rows, cols, vector);
      case Q4_0 -> new Q4_0Matrix(le, rows, cols, vector);
      case Q4_K -> new Q4_KMatrix(le, rows, cols, vector);
      case Q6_K -> new Q6_KMatrix(le, rows, cols, vector);
      case Q4_1, Q5_0, Q5_1, Q8_1, Q2_K, Q3_K, Q5_K, Q8_K, IQ2_XXS, IQ2_XS, IQ3_XXS, IQ1_S, IQ4_NL, IQ3_S, IQ2_S,
          IQ4_XS, I8, I16, I32, I64, F64, IQ1_M, TQ1_0, TQ2_0, MXFP4 -> throw new IllegalArgumentException(
              "tensor type " + type + " is not supported by the CPU runtime (supported: F32, F16, BF16, Q8_0, Q4_0,"
                  + " Q4_K, Q6_K)");
    };
  }

  /**
   * Returns whether matrices created by {@link #of} in this JVM use the Vector API kernels (otherwise the scalar
   * ones: the JVM lacks {@code --add-modules jdk.incubator.vector}, or {@code -Dllmops.cpu.vector=false}).
   *
   * @return true if vectorised
   */
  public static boolean vectorized() {
    return Kernels.vectorEnabled();
  }

  /**
   * Returns the element type.
   *
   * @return the type
   */
  public final GgmlType type() {
    return type;
  }

  /**
   * Returns the number of rows ({@code ne[1]}).
   *
   * @return rows
   */
  public final int rows() {
    return rows;
  }

  /**
   * Returns the number of elements per row ({@code ne[0]}).
   *
   * @return cols
   */
  public final int cols() {
    return cols;
  }

  /**
   * Returns the dot product of row {@code row} with {@code x[xOffset .. xOffset + cols)}.
   *
   * @param row the row, {@code 0 <= row < rows()}
   * @param x the vector, not null
   * @param xOffset where the vector starts in {@code x}
   * @return the dot product
   * @throws IllegalArgumentException if {@code row} or the range of {@code x} is out of bounds
   */
  public final float dot(int row, float[] x, int xOffset) {
    checkRow(row);
    checkRange("x", x.length, xOffset, cols);
    return dotRow(row, x, xOffset);
  }

  /**
   * Computes {@code out[r] = dot(r, x, 0)} for every row, in parallel over rows.
   *
   * @param x the vector, at least {@code cols()} long
   * @param out the result, at least {@code rows()} long; must not be {@code x}
   * @param pool the threads to use
   * @throws IllegalArgumentException if an array is too short
   */
  public final void matVec(float[] x, float[] out, WorkerPool pool) {
    checkRange("x", x.length, 0, cols);
    checkRange("out", out.length, 0, rows);
    pool.parallelFor(rows, ROW_GRAIN, (from, to) -> dotRows(x, out, from, to));
  }

  /**
   * Computes {@code out[r] = dot(r, x, 0)} for rows {@code [fromRow, toRow)} on the calling thread: the body of
   * {@link #matVec(float[], float[], WorkerPool)}, for callers that partition the rows themselves (and reuse their
   * loop body, so a decode step allocates nothing). Results are identical to {@code dot}.
   *
   * @param x the vector, at least {@code cols()} long
   * @param out the result, at least {@code toRow} long; must not be {@code x}
   * @param fromRow the first row, {@code >= 0}
   * @param toRow past the last row, {@code fromRow <= toRow <= rows()}
   * @throws IllegalArgumentException if a range is out of bounds
   */
  public final void matVec(float[] x, float[] out, int fromRow, int toRow) {
    if (fromRow < 0 || fromRow > toRow || toRow > rows) {
      throw new IllegalArgumentException("rows [" + fromRow + ", " + toRow + ") out of range [0, " + rows + ")");
    }
    checkRange("x", x.length, 0, cols);
    checkRange("out", out.length, 0, toRow);
    dotRows(x, out, fromRow, toRow);
  }

  /** Rows {@code [from, to)} of a mat-vec, arguments checked; formats with multi-row kernels override it. */
  void dotRows(float[] x, float[] out, int from, int to) {
    for (int r = from; r < to; r++) {
      out[r] = dotRow(r, x, 0);
    }
  }

  /**
   * Multiplies a batch of {@code n} vectors: {@code out[i * rows + r] = dot(r, x, i * cols)} (up to float rounding,
   * see below). Parallel over rows and cache-blocked: each thread takes a tile of rows (about 128 KiB), reads it from
   * memory once and reuses it for all {@code n} vectors while it sits in cache, so prefill streams the weights once
   * per batch, not once per token.
   *
   * <p>With the Vector API kernels and {@code n >= 8}, the product is a register-blocked matrix-matrix product
   * ({@link BatchVector}): the batch is packed once, weights are dequantised in small tiles (vectorised for Q8_0,
   * Q4_0 and F32) into per-thread scratch reused across calls, and each tile feeds the whole batch. Results then
   * differ from {@link #matVec} by float rounding only (relative {@code 1e-5} of {@code sum |w_i x_i|}). Otherwise
   * each result is exactly {@code dot(r, x, i * cols)}.
   *
   * @param x {@code n} row vectors of length {@code cols()}, row-major, at least {@code n * cols()} long
   * @param n the batch size, {@code >= 1}
   * @param out the result, {@code n x rows()} row-major, at least {@code n * rows()} long; must not be {@code x}
   * @param pool the threads to use
   * @throws IllegalArgumentException if {@code n < 1} or an array is too short
   */
  public final void matMul(float[] x, int n, float[] out, WorkerPool pool) {
    if (n < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + n);
    }
    checkRange("x", x.length, 0, (long) n * cols);
    checkRange("out", out.length, 0, (long) n * rows);
    if (vector && n >= BATCH_MIN) {
      BatchVector.matMul(this, x, n, out, pool);
      return;
    }
    pool.parallelFor(rows, ROW_GRAIN, (from, to) -> {
      for (int r0 = from; r0 < to; r0 += tileRows) {
        int r1 = Math.min(to, r0 + tileRows);
        for (int i = 0; i < n; i++) {
          int xOffset = i * cols;
          int outOffset = i * rows;
          for (int r = r0; r < r1; r++) {
            out[outOffset + r] = dotRow(r, x, xOffset);
          }
        }
      }
    });
  }

  /**
   * Writes row {@code row}, converted to float, to {@code out[outOffset .. outOffset + cols)} (exactly as ggml's
   * {@code dequantize_row_*} would); used for embedding lookups.
   *
   * @param row the row, {@code 0 <= row < rows()}
   * @param out the destination, not null
   * @param outOffset where to write
   * @throws IllegalArgumentException if {@code row} or the range of {@code out} is out of bounds
   */
  public final void dequantizeRow(int row, float[] out, int outOffset) {
    checkRow(row);
    checkRange("out", out.length, outOffset, cols);
    dequantize(row * rowBytes, out, outOffset, cols);
  }

  /** Dot of row {@code row} with {@code x[xOffset ..]}, arguments already checked. */
  abstract float dotRow(int row, float[] x, int xOffset);

  /**
   * Dequantises {@code count} elements (whole blocks) starting at byte {@code byteOffset} (a block boundary) with
   * the scalar reference code, arguments already checked.
   */
  abstract void dequantize(int byteOffset, float[] out, int outOffset, int count);

  /**
   * Dequantises columns {@code [fromCol, fromCol + count)} of row {@code row} (whole blocks) into
   * {@code out[outOffset ..]} for the batch product; formats with a vectorised dequantisation override it. Results
   * are bit-identical to {@link #dequantizeRow}.
   */
  void dequantizeTile(int row, int fromCol, int count, float[] out, int outOffset) {
    dequantize(row * rowBytes + (int) type.byteSize(fromCol), out, outOffset, count);
  }

  private void checkRow(int row) {
    if (row < 0 || row >= rows) {
      throw new IllegalArgumentException("row " + row + " out of range [0, " + rows + ")");
    }
  }

  private static void checkRange(String name, int length, int offset, long size) {
    if (offset < 0 || offset + size > length) {
      throw new IllegalArgumentException(
          name + ": need " + size + " elements from offset " + offset + ", array has " + length);
    }
  }

  @Override
  public String toString() {
    return type + "[" + rows + "x" + cols + (vector ? ", vector" : ", scalar") + "]";
  }
}
