package io.llmops.runtime.cpu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerPoolTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5})
  void everyIndexRunsExactlyOnceInGrainAlignedChunks(int threads) {
    try (WorkerPool pool = new WorkerPool(threads)) {
      for (int count : new int[] {1, 2, 15, 16, 17, 100, 4097}) {
        for (int grain : new int[] {1, 16}) {
          AtomicIntegerArray hits = new AtomicIntegerArray(count);
          AtomicInteger misaligned = new AtomicInteger();
          for (int repeat = 0; repeat < 20; repeat++) {
            pool.parallelFor(count, grain, (from, to) -> {
              if (from % grain != 0) {
                misaligned.incrementAndGet();
              }
              for (int i = from; i < to; i++) {
                hits.incrementAndGet(i);
              }
            });
          }
          for (int i = 0; i < count; i++) {
            assertThat(hits.get(i)).as("index %d of %d", i, count).isEqualTo(20);
          }
          assertThat(misaligned).hasValue(0);
        }
      }
    }
  }

  @Test
  void usesItsWorkerThreads() {
    try (WorkerPool pool = new WorkerPool(3)) {
      Set<String> names = ConcurrentHashMap.newKeySet();
      for (int repeat = 0; repeat < 200 && names.size() < 2; repeat++) {
        pool.parallelFor(3000, (from, to) -> {
          names.add(Thread.currentThread().getName());
          double sink = 0;
          for (int i = from; i < to * 50; i++) {
            sink += Math.sqrt(i);
          }
          if (sink < 0) {
            throw new AssertionError();
          }
        });
      }
      assertThat(names).anyMatch(n -> n.startsWith("llmops-cpu-worker-"));
      assertThat(pool.threads()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void rethrowsTheBodysExceptionAndStaysUsable(int threads) {
    try (WorkerPool pool = new WorkerPool(threads)) {
      assertThatThrownBy(() -> pool.parallelFor(1000, (from, to) -> {
        if (from <= 500 && 500 < to) {
          throw new IllegalStateException("boom at 500");
        }
      })).isInstanceOf(IllegalStateException.class).hasMessage("boom at 500");
      AtomicInteger sum = new AtomicInteger();
      pool.parallelFor(1000, (from, to) -> sum.addAndGet(to - from));
      assertThat(sum).hasValue(1000);
    }
  }

  @Test
  void rethrowsErrors() {
    try (WorkerPool pool = new WorkerPool(2)) {
      assertThatThrownBy(() -> pool.parallelFor(64, (from, to) -> {
        throw new StackOverflowError("deep");
      })).isInstanceOf(StackOverflowError.class);
    }
  }

  @Test
  void nestedLoopsRunInline() {
    try (WorkerPool pool = new WorkerPool(3)) {
      AtomicInteger total = new AtomicInteger();
      pool.parallelFor(8, (from, to) -> {
        for (int i = from; i < to; i++) {
          pool.parallelFor(10, (a, b) -> total.addAndGet(b - a));
        }
      });
      assertThat(total).hasValue(80);
    }
  }

  @Test
  void closeStopsTheThreadsAndRejectsLaterLoops() {
    WorkerPool pool = new WorkerPool(4);
    pool.parallelFor(100, (from, to) -> { });
    pool.close();
    pool.close();
    assertThat(pool.terminated()).isTrue();
    assertThatThrownBy(() -> pool.parallelFor(10, (from, to) -> { }))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new WorkerPool(0)).isInstanceOf(IllegalArgumentException.class);
    try (WorkerPool pool = new WorkerPool(2)) {
      assertThatThrownBy(() -> pool.parallelFor(-1, (from, to) -> { }))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> pool.parallelFor(1, 0, (from, to) -> { }))
          .isInstanceOf(IllegalArgumentException.class);
      pool.parallelFor(0, (from, to) -> {
        throw new AssertionError("never called for an empty range");
      });
    }
  }

  @Test
  void defaultsToOneThreadPerProcessor() {
    try (WorkerPool pool = new WorkerPool()) {
      assertThat(pool.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }
  }
}
