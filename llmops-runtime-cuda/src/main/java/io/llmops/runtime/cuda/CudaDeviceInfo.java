package io.llmops.runtime.cuda;

import java.util.Locale;

/**
 * What the driver reports about a device. Immutable.
 *
 * @param ordinal the device index
 * @param name the marketing name, e.g. {@code "NVIDIA H200"}
 * @param major compute capability, major
 * @param minor compute capability, minor
 * @param totalBytes device memory
 * @param driverVersion {@code cuDriverGetVersion}, e.g. 12040 for CUDA 12.4
 * @param multiprocessors streaming multiprocessors
 * @since 0.1.0
 */
public record CudaDeviceInfo(int ordinal, String name, int major, int minor, long totalBytes, int driverVersion,
    int multiprocessors) {

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s (sm_%d%d, %.1f GiB, %d SMs, driver CUDA %d.%d)", name, major, minor,
        totalBytes / (double) (1L << 30), multiprocessors, driverVersion / 1000, driverVersion % 1000 / 10);
  }
}
