package io.llmops.runtime.cpu.model;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

/** TEMPORARY stand-in for {@code io.llmops.runtime.cpu.tensor.WorkerPool}; deleted when cpu-kernels is merged. */
final class WorkerPool implements AutoCloseable {
  private final int threads;
  private final ExecutorService executor;

  WorkerPool(int threads) {
    this.threads = threads;
    this.executor = threads > 1 ? Executors.newFixedThreadPool(threads - 1, r -> {
      Thread t = new Thread(r, "llmops-cpu-worker");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  int threads() {
    return threads;
  }

  void parallelFor(int count, IntRangeBody body) {
    if (executor == null || count < 2) {
      body.run(0, count);
      return;
    }
    int chunks = Math.min(threads, count);
    List<Future<?>> fs = new ArrayList<>();
    for (int c = 1; c < chunks; c++) {
      int from = (int) ((long) count * c / chunks);
      int to = (int) ((long) count * (c + 1) / chunks);
      fs.add(executor.submit(() -> body.run(from, to)));
    }
    body.run(0, count / chunks);
    for (Future<?> f : fs) {
      try {
        f.get();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
