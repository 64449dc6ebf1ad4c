package io.llmops.benchmarks.runtime;

import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.model.Batch;
import io.llmops.runtime.cpu.model.CpuTensorOps;
import io.llmops.runtime.cpu.model.LlamaLoader;
import io.llmops.runtime.cpu.model.LlamaModel;
import io.llmops.runtime.cpu.model.LogitsSink;
import io.llmops.runtime.cpu.model.TensorOps.KvCache;
import java.util.Locale;
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
 * End-to-end forward passes of a synthetic model ({@link SyntheticModels}): {@code decodeStep} is one single-token
 * step (positions cycle through {@code 0..127}, so attention is short, as in llama-bench's tg), {@code prefill64}
 * one 64-token prompt. With {@code -prof gc}, {@code gc.alloc.rate.norm} of {@code decodeStep} is the heap allocated
 * per decoded token (the target is ~0 B/op). The setup prints the bytes of weights read per token, to turn the time
 * into a fraction of the {@code BandwidthBenchmark} roofline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx2g"})
public class DecodeBenchmark {

  private static final int POSITIONS = 128;
  private static final LogitsSink IGNORE = (row, logits) -> { };

  @Param({"110M-Q8_0"})
  public String model;

  @Param({"1"})
  public int threads;

  private GgufFile gguf;
  private LlamaModel llama;
  private KvCache cache;
  private final Batch batch = new Batch();
  private int position;

  @Setup(Level.Trial)
  public void setUp() {
    gguf = GgufFile.open(SyntheticModels.get(model));
    llama = LlamaLoader.load(gguf, CpuTensorOps.create(threads));
    cache = llama.newKvCache(POSITIONS);
    System.out.printf(Locale.ROOT, "%n# %s: %d bytes of weights read per decoded token%n", model,
        LlamaBench.bytesReadPerToken(gguf));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    llama.close();
    gguf.close();
  }

  /** One decode step: one token through every layer and the output projection. */
  @Benchmark
  public void decodeStep() {
    batch.clear();
    batch.add((position * 7919) % 32000, position, cache, true);
    llama.forward(batch, IGNORE);
    position = (position + 1) % POSITIONS;
  }

  /** One 64-token prompt from position 0 (llama-bench pp64). */
  @Benchmark
  public void prefill64() {
    LlamaBench.prefill(llama, 64);
  }
}
