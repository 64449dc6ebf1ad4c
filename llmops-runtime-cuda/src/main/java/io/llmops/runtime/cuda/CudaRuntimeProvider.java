package io.llmops.runtime.cuda;

import io.llmops.RuntimeUnavailableException;
import io.llmops.model.LanguageModel;
import io.llmops.runtime.cpu.GgufLanguageModel;
import io.llmops.spi.Availability;
import io.llmops.spi.ModelOptions;
import io.llmops.spi.ModelRuntime;
import io.llmops.spi.RuntimeDiscovery;
import io.llmops.spi.RuntimeProvider;
import java.nio.file.Path;

/**
 * Discovers the CUDA runtime. The probe loads JCuda's driver binding, asks the driver for devices and loads the
 * bundled kernels on device 0; on machines without an NVIDIA driver that fails with a {@link LinkageError}, caught
 * once and reported as the reason ("no CUDA driver ..."). Nothing native is touched in a static initialiser or the
 * constructor.
 *
 * <p>Available when a device is present and the kernels load on it. Models are served by the CPU runtime's {@link
 * GgufLanguageModel} (tokenizer, chat template, engine, llama forward pass) over {@link CudaTensorOps}, loaded by
 * {@link CudaModels} after a memory plan checked that weights and the KV budget fit. Force the CPU with {@code
 * -Dllmops.runtime=cpu}.
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
    return new ModelRuntime() {
      @Override
      public String name() {
        return "cuda";
      }

      @Override
      public LanguageModel load(Path path, ModelOptions options) {
        // The CPU runtime's tokenizer, chat template, engine and llama forward pass, on the GPU's TensorOps.
        return GgufLanguageModel.load(path, options, "cuda",
            (gguf, contextLength, maxSequences) -> CudaModels.load(gguf, contextLength, maxSequences, 0));
      }
    };
  }
}
