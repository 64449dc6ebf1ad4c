package io.llmops.benchmarks.kernels;

import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.WeightMatrix;
import io.llmops.runtime.cpu.tensor.WorkerPool;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time of a decode mat-vec goes: one 4096 x 4096 mat-vec with the weights in DRAM, split into its two
 * halves, measured in the same fork.
 *
 * <ul>
 *   <li>{@code matVec}: the mat-vec as decode runs it, cycling through {@link #matrices} copies of the matrix
 *       (16 x 17.8 MB in Q8_0) so that every call reads its weights from DRAM, not from the last-level cache (one
 *       4096 x 4096 Q8_0 matrix, 17.8 MB, fits in this machine's 32 MB L3, which makes {@code
 *       KernelBenchmark.matVec} an L3 figure).
 *   <li>{@code stage}: only the kernels' staging copies (four rows at a time into a {@code byte[]}, in
 *       {@code ByteBuffer.get}s of {@link #COPY_PIECE} bytes, as {@code VectorKernels.rows} does) over the same
 *       matrices: the memory half. It always runs on the calling thread, whatever {@link #threads} is.
 *   <li>{@code stageWhole}: the same copies with one {@code get} per group of four rows (17 KB), as the kernels did
 *       before the fourth session; it moves the same bytes more slowly here (see {@code PERFORMANCE.md}).
 *   <li>{@code compute}: the same kernels on a 64-row matrix that stays in L2, 64 times (4096 rows): the compute half.
 * </ul>
 *
 * The kernels copy a group of rows, then compute on it; nothing overlaps the two, so {@code matVec} is close to
 * {@code stage + compute}, and {@code stage} alone runs at about the single-core copy bandwidth. See
 * {@code benchmarks/PERFORMANCE.md}.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar MatVecAnatomyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class MatVecAnatomyBenchmark {

  @Param({"Q8_0", "Q4_0"})
  public String type;

  @Param({"1"})
  public int threads;

  /**
   * Bytes per {@code get} in {@link #stage}: a group of four Q8_0 rows (17,408 bytes) in the pieces that the
   * runtime's {@code VectorKernels.copyPiece} (internal to the runtime) gives it, seven of 2,496 bytes. For Q4_0,
   * whose kernels copy two rows (4,608 bytes, two pieces of 2,304) at a time, the same pieces are an approximation.
   */
  static final int COPY_PIECE = 2496;

  /** Copies cycled through by {@code matVec} and {@code stage}; 16 x 17.8 MB is far beyond any L3 here. */
  @Param({"16"})
  public int matrices;

  private static final int ROWS = 4096;
  private static final int COLS = 4096;
  private static final int SMALL_ROWS = 64;
  private static final int GROUP = 4;

  private ByteBuffer[] data;
  private WeightMatrix[] large;
  private WeightMatrix small;
  private WorkerPool pool;
  private float[] x;
  private float[] out;
  private byte[] staging;
  private int rowBytes;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(7);
    GgmlType t = GgmlType.valueOf(type);
    rowBytes = Math.toIntExact(t.byteSize(COLS));
    ByteBuffer first = RandomMatrices.gaussianData(t, ROWS, COLS, r);
    data = new ByteBuffer[matrices];
    large = new WeightMatrix[matrices];
    for (int m = 0; m < matrices; m++) {
      data[m] = m == 0 ? first : ByteBuffer.allocateDirect(first.capacity()).put(0, first, 0, first.capacity());
      large[m] = WeightMatrix.of(t, data[m], ROWS, COLS);
    }
    small = WeightMatrix.of(t, first.slice(0, SMALL_ROWS * rowBytes), SMALL_ROWS, COLS);
    x = RandomMatrices.gaussian(COLS, r);
    out = new float[ROWS];
    staging = new byte[GROUP * rowBytes];
    pool = new WorkerPool(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** The decode mat-vec, weights from DRAM. */
  @Benchmark
  public float[] matVec() {
    large[next++ % matrices].matVec(x, out, pool);
    return out;
  }

  /** The staging copies alone (one thread), weights from DRAM, in pieces as {@code VectorKernels.rows} copies. */
  @Benchmark
  public byte[] stage() {
    return stageGroups(COPY_PIECE);
  }

  /** The same copies with one {@code get} per group of rows. */
  @Benchmark
  public byte[] stageWhole() {
    return stageGroups(GROUP * rowBytes);
  }

  /** Copies the next matrix into the staging array a group of rows at a time, in {@code get}s of {@code piece}. */
  private byte[] stageGroups(int piece) {
    ByteBuffer d = data[next++ % matrices];
    int span = GROUP * rowBytes;
    for (int offset = 0; offset < ROWS * rowBytes; offset += span) {
      for (int done = 0; done < span; done += piece) {
        d.get(offset + done, staging, done, Math.min(piece, span - done));
      }
    }
    return staging;
  }

  /** The kernels alone: 4096 rows computed from a 64-row matrix that stays in L2. */
  @Benchmark
  public float[] compute() {
    for (int i = 0; i < ROWS / SMALL_ROWS; i++) {
      small.matVec(x, out, pool);
    }
    return out;
  }
}
