package io.llmops.runtime.cuda;

import io.llmops.RuntimeUnavailableException;
import io.llmops.spi.Availability;
import io.llmops.spi.ModelRuntime;
import io.llmops.spi.RuntimeDiscovery;
import io.llmops.spi.RuntimeProvider;

/**
 * Discovers the CUDA runtime. The probe loads JCuda's driver binding, asks the driver for devices and loads the
 * bundled kernels on device 0; on machines without an NVIDIA driver that fails with a {@link LinkageError}, caught
 * once and reported as the reason ("no CUDA driver ..."). Nothing native is touched in a static initialiser or the
 * constructor.
 *
 * <p>Selectable only when a device is present, the kernels load, and a model front-end exists to serve requests on
 * them. The GGUF front-end (tokenizer, chat template, {@code LanguageModel}) belongs to the CPU runtime and is not in
 * this build yet, so even with a working GPU the provider reports the device and stays unavailable rather than
 * being picked and failing at load (STYLE.md point 2). {@link CudaModels} and {@link CudaTensorOps} work already.
 *
 * <p>Thread-safe: the probe result is computed once and cached.
 *
 * @since 0.1.0
 */
public final class CudaRuntimeProvider implements RuntimeProvider {
  /** Priority above the CPU runtime's: a GPU wins when one is usable. */
  public static final int PRIORITY = 300;

  /** Why a working device is still not selectable. */
  static final String FRONT_END_MISSING = "not selectable yet: llmops-runtime-cpu has no GGUF LanguageModel front-end"
      + " to serve on these kernels";

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
          Availability device = CudaProbe.probe();
          a = device.available() ? Availability.unavailable(device.reason() + "; " + FRONT_END_MISSING) : device;
          cached = a;
        }
      }
    }
    return a;
  }

  @Override
  public ModelRuntime create() {
    Availability a = probe();
    throw new RuntimeUnavailableException("the CUDA runtime is unavailable: " + a.reason(),
        RuntimeDiscovery.ofContextClassLoader().statuses());
  }
}
