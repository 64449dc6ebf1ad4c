package io.llmops.runtime.cuda;

import io.llmops.RuntimeUnavailableException;
import io.llmops.spi.Availability;
import io.llmops.spi.ModelRuntime;
import io.llmops.spi.RuntimeDiscovery;
import io.llmops.spi.RuntimeProvider;
import java.util.List;

/**
 * Discovers the CUDA runtime. The probe loads JCuda's driver binding and asks the driver for devices; on machines
 * without an NVIDIA driver that fails with a {@link LinkageError} (JCuda throws {@code UnsatisfiedLinkError} on the
 * first call and {@code NoClassDefFoundError} after), which is caught once and reported as the reason. Nothing native
 * is touched in a static initialiser or the constructor.
 *
 * <p>Thread-safe: the probe result is computed once and cached.
 *
 * @since 0.1.0
 */
public final class CudaRuntimeProvider implements RuntimeProvider {
  /** Priority above the CPU runtime's: a GPU wins when one is usable. */
  public static final int PRIORITY = 300;

  private volatile Availability cached;

  /** Creates the provider; does no work (discovery instantiates every provider). */
  public CudaRuntimeProvider() {}

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public Availability probe() {
    Availability a = cached;
    if (a == null) {
      synchronized (this) {
        a = cached;
        if (a == null) {
          a = CudaProbe.probe();
          cached = a;
        }
      }
    }
    return a;
  }

  @Override
  public ModelRuntime create() {
    Availability a = probe();
    if (!a.available()) {
      throw new RuntimeUnavailableException("the CUDA runtime is unavailable: " + a.reason(),
          RuntimeDiscovery.ofContextClassLoader().statuses());
    }
    throw new RuntimeUnavailableException("the CUDA runtime found a device but its model execution is not part of "
        + "this build; use -D" + RuntimeDiscovery.RUNTIME_PROPERTY + "=cpu", List.of());
  }
}
