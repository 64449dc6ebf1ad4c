package io.llmops.benchmarks.kernels;

import io.llmops.benchmarks.runtime.Bandwidth;
import io.llmops.runtime.cpu.tensor.WorkerPool;
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
 * The memory roofline: one STREAM-triad pass over three 128 MiB arrays on the runtime's {@link WorkerPool}. Bandwidth
 * = {@code 402653184 bytes / time}; decode's roofline is that bandwidth over the bytes of weights read per token
 * ({@code DecodeBenchmark} prints them). Run it in the same JMH invocation as the decode and kernel benchmarks so that
 * both see the same machine load.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class BandwidthBenchmark {

  @Param({"1", "2"})
  public int threads;

  private Bandwidth triad;
  private WorkerPool pool;

  @Setup(Level.Trial)
  public void setUp() {
    triad = new Bandwidth(Bandwidth.DEFAULT_ELEMENTS);
    pool = new WorkerPool(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
  }

  /** One triad pass (402,653,184 bytes moved, STREAM convention). */
  @Benchmark
  public double triad() {
    triad.triad(pool, 3.0);
    return triad.checksum();
  }
}
