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
 * The prefill kernel: a {@code rows x 4096} weight matrix (direct buffer, like a mapped file) times a batch of
 * {@code n} activation vectors ({@link WeightMatrix#matMul}), the product every layer of a prompt evaluation runs.
 * One call is {@code 2 * rows * 4096 * n} floating-point operations: 2.147 GFLOP for 4096 rows and 64 tokens, so
 * GFLOP/s = 2147.5 / (ms/op). Compare with the CPU's FMA peak (AVX-512 Zen 4: 32 FLOP per cycle per core).
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar MatMulBenchmark
 * -f 1 -wi 2 -i 3 -w 1 -r 1}. To compare with another build of the runtime in the same run, put that build's
 * {@code io/llmops/runtime/cpu} classes first on the class path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class MatMulBenchmark {

  @Param({"F32", "Q8_0", "Q4_0"})
  public String type;

  @Param({"4096"})
  public int rows;

  @Param({"64"})
  public int n;

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
    x = RandomMatrices.gaussian(n * COLS, r);
    out = new float[n * rows];
    pool = new WorkerPool(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** The batch product: {@code out = x W^T}. */
  @Benchmark
  public float[] matMul() {
    matrix.matMul(x, n, out, pool);
    return out;
  }
}
