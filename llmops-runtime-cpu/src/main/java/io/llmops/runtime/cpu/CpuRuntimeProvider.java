package io.llmops.runtime.cpu;

import io.llmops.model.LanguageModel;
import io.llmops.runtime.cpu.tensor.WeightMatrix;
import io.llmops.spi.Availability;
import io.llmops.spi.ModelOptions;
import io.llmops.spi.ModelRuntime;
import io.llmops.spi.RuntimeProvider;
import java.nio.file.Path;

/**
 * The CPU runtime's entry in {@code META-INF/services/io.llmops.spi.RuntimeProvider}: name {@code cpu}, priority 200
 * when the Vector API ({@code jdk.incubator.vector}) is present, else 100. The constructor does nothing; {@link
 * #probe()} checks the module layer only and never throws.
 *
 * <p>Thread-safe and stateless apart from the cached probe.
 *
 * @since 0.1.0
 */
public final class CpuRuntimeProvider implements RuntimeProvider {
  private volatile Availability probed;

  /** Creates the provider (does no work). */
  public CpuRuntimeProvider() {}

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public int priority() {
    return vectorApiPresent() ? 200 : 100;
  }

  @Override
  public Availability probe() {
    Availability a = probed;
    if (a == null) {
      a = computeProbe();
      probed = a;
    }
    return a;
  }

  private static Availability computeProbe() {
    int cpus = Runtime.getRuntime().availableProcessors();
    try {
      if (vectorApiPresent() && WeightMatrix.vectorized()) {
        return Availability.available("Vector API, " + VectorInfo.preferredBits() + "-bit, " + cpus + " threads");
      }
      return Availability.available("scalar (add --add-modules jdk.incubator.vector for the fast path), " + cpus
          + " threads");
    } catch (RuntimeException | LinkageError e) {
      return Availability.available("scalar (Vector API unusable: " + e + "), " + cpus + " threads");
    }
  }

  static boolean vectorApiPresent() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
  }

  @Override
  public ModelRuntime create() {
    return new ModelRuntime() {
      @Override
      public String name() {
        return "cpu";
      }

      @Override
      public LanguageModel load(Path path, ModelOptions options) {
        return CpuLanguageModel.load(path, options);
      }

      @Override
      public String toString() {
        return "cpu runtime";
      }
    };
  }

  /** Loaded only when the Vector API module is present. */
  private static final class VectorInfo {
    static int preferredBits() {
      return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
  }
}
