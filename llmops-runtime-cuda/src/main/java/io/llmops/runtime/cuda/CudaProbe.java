package io.llmops.runtime.cuda;

import io.llmops.spi.Availability;
import jcuda.driver.CUdevice;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/** Asks the CUDA driver, through JCuda, whether a usable device exists. Loaded only when the probe runs. */
final class CudaProbe {
  private CudaProbe() {}

  static Availability probe() {
    try {
      JCudaDriver.setExceptionsEnabled(false);
      int status = JCudaDriver.cuInit(0);
      if (status != CUresult.CUDA_SUCCESS) {
        return Availability.unavailable("CUDA driver failed to initialise: " + CUresult.stringFor(status));
      }
      int[] count = new int[1];
      status = JCudaDriver.cuDeviceGetCount(count);
      if (status != CUresult.CUDA_SUCCESS || count[0] == 0) {
        return Availability.unavailable("no CUDA device (" + CUresult.stringFor(status) + ", count " + count[0] + ")");
      }
      CUdevice device = new CUdevice();
      JCudaDriver.cuDeviceGet(device, 0);
      byte[] name = new byte[256];
      JCudaDriver.cuDeviceGetName(name, name.length, device);
      String deviceName = new String(name, java.nio.charset.StandardCharsets.US_ASCII).trim();
      // Model execution on the GPU is not in this build: report the device but stay unavailable so that
      // discovery never selects a runtime that cannot serve (STYLE.md point 2: inference fails loudly, never fakes).
      return Availability.unavailable("found " + count[0] + " CUDA device(s) (" + deviceName.replace("\0", "")
          + ") but GPU model execution is not part of this build");
    } catch (LinkageError e) {
      return Availability.unavailable("no CUDA driver (" + firstLine(e) + ")");
    } catch (RuntimeException e) {
      return Availability.unavailable("CUDA probe failed: " + firstLine(e));
    }
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
  }
}
