package io.llmops.runtime.cuda;

import io.llmops.spi.Availability;

/**
 * Asks the CUDA driver, through JCuda, whether a usable device exists and whether the bundled kernels load on it.
 * JCuda throws {@code UnsatisfiedLinkError} on its first call where {@code libcuda} is missing and
 * {@code NoClassDefFoundError} after that: both are {@link LinkageError}s, caught here and reported as
 * "no CUDA driver". Loaded only when the probe runs; never throws.
 */
final class CudaProbe {
  private CudaProbe() {}

  /**
   * Probes device 0.
   *
   * @return available (with the device and kernel target) only if the driver, a device and every kernel module work
   */
  static Availability probe() {
    try {
      int count = CudaDriver.deviceCount();
      if (count == 0) {
        return Availability.unavailable("no CUDA device (the driver reports 0 devices)");
      }
      try (CudaDriver d = CudaDriver.open(0)) {
        CudaDeviceInfo info = d.info();
        return Availability.available(count + " CUDA device(s); using " + info + " with the sm_"
            + PtxModules.archFor(info.major(), info.minor()).sm() + " kernels");
      }
    } catch (LinkageError e) {
      return Availability.unavailable("no CUDA driver (" + firstLine(e) + ")");
    } catch (CudaException e) {
      return Availability.unavailable("CUDA device unusable: " + e.getMessage());
    } catch (RuntimeException e) {
      return Availability.unavailable("CUDA probe failed: " + firstLine(e));
    }
  }

  static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
  }
}
