package io.llmops.benchmarks.runtime;

import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.gguf.GgufTensorInfo;
import io.llmops.runtime.cpu.model.Batch;
import io.llmops.runtime.cpu.model.CpuTensorOps;
import io.llmops.runtime.cpu.model.LlamaLoader;
import io.llmops.runtime.cpu.model.LlamaModel;
import io.llmops.runtime.cpu.model.LogitsSink;
import io.llmops.runtime.cpu.model.TensorOps.KvCache;
import io.llmops.runtime.cpu.tensor.WorkerPool;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * llama-bench for this runtime: loads a GGUF model (memory-mapped), then for each thread count measures prompt
 * processing ({@code ppN}: one forward pass over N prompt tokens) and text generation ({@code tgN}: N single-token
 * decode steps from an empty context), like llama.cpp's {@code llama-bench -p N -n N}, and a STREAM-triad bandwidth
 * probe on the same threads; decode is also given as a fraction of the roofline {@code bandwidth / bytes read per
 * token}. Token ids are random (the speed of a forward pass does not depend on them), sampling is not timed (as in
 * llama-bench).
 *
 * <p>Usage: {@code LlamaBench (-m FILE | --synthetic NAME) [-t 1,2] [-p 64] [-n 32] [-r 3] [--no-bandwidth]}. Output:
 * one line per test, {@code <test> <threads> <mean tok/s> <stddev> <best tok/s> [<roofline fraction of the mean>]},
 * after comment lines ({@code #}) describing the model, the load time and the bandwidth.
 */
public final class LlamaBench {

  private LlamaBench() {}

  /** Parsed command line. */
  record Options(Path model, String synthetic, int[] threads, int prompt, int generate, int reps, boolean bandwidth) {}

  /**
   * Runs the benchmark.
   *
   * @param args see the class comment
   */
  public static void main(String[] args) {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println("usage: run.sh (-m FILE | --synthetic 1B-Q8_0|1B-Q4_0|110M-Q8_0|...) [-t 1,2] [-p 64]"
          + " [-n 32] [-r 3] [--no-bandwidth]");
      System.exit(2);
      return;
    }
    run(o, System.out);
  }

  static Options parse(String[] args) {
    Path model = null;
    String synthetic = null;
    int[] threads = {Runtime.getRuntime().availableProcessors()};
    int prompt = 64;
    int generate = 32;
    int reps = 3;
    boolean bandwidth = true;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--no-bandwidth")) {
        bandwidth = false;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a);
      }
      String v = args[++i];
      switch (a) {
        case "-m", "--model" -> model = Path.of(v);
        case "--synthetic" -> synthetic = v;
        case "-t", "--threads" -> {
          String[] parts = v.split(",");
          threads = new int[parts.length];
          for (int k = 0; k < parts.length; k++) {
            threads[k] = positive(a, parts[k]);
          }
        }
        case "-p", "--n-prompt" -> prompt = nonNegative(a, v);
        case "-n", "--n-gen" -> generate = nonNegative(a, v);
        case "-r", "--repetitions" -> reps = positive(a, v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    if ((model == null) == (synthetic == null)) {
      throw new IllegalArgumentException("give exactly one of -m FILE and --synthetic NAME");
    }
    if (model != null && !Files.isRegularFile(model)) {
      throw new IllegalArgumentException("no such file: " + model);
    }
    return new Options(model, synthetic, threads, prompt, generate, reps, bandwidth);
  }

  private static int positive(String option, String v) {
    int n = nonNegative(option, v);
    if (n < 1) {
      throw new IllegalArgumentException(option + " must be >= 1, got " + v);
    }
    return n;
  }

  private static int nonNegative(String option, String v) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 0) {
        throw new IllegalArgumentException(option + " must be >= 0, got " + v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs an integer, got " + v, e);
    }
  }

  static void run(Options o, PrintStream out) {
    Path file = o.model();
    if (file == null) {
      long t0 = System.nanoTime();
      file = SyntheticModels.get(o.synthetic());
      out.printf(Locale.ROOT, "# synthetic model %s ready in %.1f s%n", o.synthetic(), (System.nanoTime() - t0) / 1e9);
    }
    for (int threads : o.threads()) {
      long t0 = System.nanoTime();
      try (GgufFile gguf = GgufFile.open(file); LlamaModel model = LlamaLoader.load(gguf, CpuTensorOps.create(threads))) {
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        long bytesPerToken = bytesReadPerToken(gguf);
        out.printf(Locale.ROOT, "# model %s: %.2f GB file, %.2f GB of weights read per decoded token; threads %d;"
            + " load (mmap + tensor views) %.3f s%n", file.getFileName(), Files.size(file) / 1e9,
            bytesPerToken / 1e9, threads, loadSeconds);
        out.println("# test threads tok/s stddev best_tok/s [roofline_fraction]");
        double bandwidth = Double.NaN;
        if (o.bandwidth()) {
          try (WorkerPool pool = new WorkerPool(threads)) {
            bandwidth = new Bandwidth(Bandwidth.DEFAULT_ELEMENTS).measure(pool, 5);
          }
          out.printf(Locale.ROOT, "# triad bandwidth %.1f GB/s -> decode roofline %.1f tok/s%n", bandwidth / 1e9,
              bandwidth / bytesPerToken);
        }
        if (o.prompt() > 0) {
          report(out, "pp" + o.prompt(), threads, repeat(o.reps(), () -> prefill(model, o.prompt())), o.prompt(),
              Double.NaN);
        }
        if (o.generate() > 0) {
          report(out, "tg" + o.generate(), threads, repeat(o.reps(), () -> decode(model, o.generate())),
              o.generate(), bandwidth / bytesPerToken);
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /**
   * Bytes of weights one decode step reads: every tensor except the embedding table (of which it reads one row),
   * unless the output projection is tied to it.
   */
  static long bytesReadPerToken(GgufFile gguf) {
    boolean tied = gguf.findTensor("output.weight").isEmpty();
    long sum = 0;
    for (GgufTensorInfo t : gguf.tensors()) {
      if (!t.name().equals("token_embd.weight") || tied) {
        sum += t.byteSize();
      } else {
        sum += t.byteSize() / t.dim(1);
      }
    }
    return sum;
  }

  /** One warm-up run, then {@code reps} timed runs; returns the seconds of each timed run. */
  private static double[] repeat(int reps, Runnable run) {
    run.run();
    double[] seconds = new double[reps];
    for (int i = 0; i < reps; i++) {
      long t0 = System.nanoTime();
      run.run();
      seconds[i] = (System.nanoTime() - t0) / 1e9;
    }
    return seconds;
  }

  private static void report(PrintStream out, String test, int threads, double[] seconds, int tokens,
      double roofline) {
    double mean = 0;
    double best = 0;
    for (double s : seconds) {
      mean += tokens / s;
      best = Math.max(best, tokens / s);
    }
    mean /= seconds.length;
    double var = 0;
    for (double s : seconds) {
      var += (tokens / s - mean) * (tokens / s - mean);
    }
    double sd = seconds.length > 1 ? Math.sqrt(var / (seconds.length - 1)) : 0;
    if (Double.isNaN(roofline)) {
      out.printf(Locale.ROOT, "%s %d %.2f %.2f %.2f%n", test, threads, mean, sd, best);
    } else {
      out.printf(Locale.ROOT, "%s %d %.2f %.2f %.2f %.3f%n", test, threads, mean, sd, best, mean / roofline);
    }
  }

  private static final LogitsSink IGNORE = (row, logits) -> { };

  /** One forward pass over {@code n} random tokens from an empty cache, logits of the last one (llama-bench pp). */
  static void prefill(LlamaModel model, int n) {
    KvCache cache = model.newKvCache(n);
    Batch batch = new Batch();
    SplittableRandom r = new SplittableRandom(n);
    for (int i = 0; i < n; i++) {
      batch.add(r.nextInt(model.config().vocab()), i, cache, i == n - 1);
    }
    model.forward(batch, IGNORE);
  }

  /** {@code n} single-token steps from an empty cache (llama-bench tg: no prompt before). */
  static void decode(LlamaModel model, int n) {
    KvCache cache = model.newKvCache(n);
    Batch batch = new Batch();
    SplittableRandom r = new SplittableRandom(n);
    for (int i = 0; i < n; i++) {
      batch.clear();
      batch.add(r.nextInt(model.config().vocab()), i, cache, true);
      model.forward(batch, IGNORE);
    }
  }
}
