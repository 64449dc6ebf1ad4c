package io.llmops.runtime.cpu.model;

/** TEMPORARY stand-in for {@code io.llmops.runtime.cpu.tensor.IntRangeBody}; deleted when cpu-kernels is merged. */
@FunctionalInterface
interface IntRangeBody {
  void run(int from, int to);
}
