package io.llmops.benchmarks.kernels;

import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.WeightMatrix;
import io.llmops.runtime.cpu.tensor.WorkerPool;
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
 * Every weight kernel with float activations: one row dot ({@code dot}, 4096 elements, the row stays in L1, so this
 * is the compute cost) and a whole mat-vec ({@code matVec}, {@code rows x 4096}, weights in a direct buffer like a
 * mapped file; 4096 rows = 17.8 MB in Q8_0, far beyond the caches, so this is what decode pays). Divide the bytes of
 * the matrix by the mat-vec time to compare with the triad bandwidth of {@code BandwidthBenchmark}.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar KernelBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class KernelBenchmark {

  @Param({"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
  public String type;

  @Param({"4096"})
  public int rows;

  @Param({"1"})
  public int threads;

  private static final int COLS = 4096;

  private WeightMatrix matrix;
  private WorkerPool pool;
  private float[] x;
  private float[] out;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom r = new SplittableRandom(7);
    matrix = RandomMatrices.gaussian(GgmlType.valueOf(type), rows, COLS, r);
    x = RandomMatrices.gaussian(COLS, r);
    out = new float[rows];
    pool = new WorkerPool(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** One row: compute-bound (the row is in L1 after the first call). */
  @Benchmark
  public float dot() {
    return matrix.dot(0, x, 0);
  }

  /** The whole matrix: bandwidth-bound when the kernel keeps up with memory. */
  @Benchmark
  public float[] matVec() {
    matrix.matVec(x, out, pool);
    return out;
  }
}
