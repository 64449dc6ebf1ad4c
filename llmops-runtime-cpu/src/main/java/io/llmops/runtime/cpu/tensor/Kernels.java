package io.llmops.runtime.cpu.tensor;

import java.lang.System.Logger.Level;

/**
 * Chooses, once per JVM, between the Vector API kernels and the scalar reference kernels.
 *
 * <p>The Vector API ({@code jdk.incubator.vector}) is an incubator module: it is only resolved when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}. Classes that use it ({@link VectorKernels} and the {@code *Vector}
 * kernels) are referenced only behind {@link #vectorEnabled()}, so they are never loaded without it. Without the
 * module one warning says how to enable it; {@code -Dllmops.cpu.vector=false} forces the scalar kernels.
 */
final class Kernels {

  /** System property that, set to {@code false}, forces the scalar kernels. */
  static final String VECTOR_PROPERTY = "llmops.cpu.vector";

  static final String VECTOR_MODULE = "jdk.incubator.vector";

  private static final System.Logger LOG = System.getLogger(WeightMatrix.class.getName());

  private static final boolean VECTOR = decide();

  private Kernels() {}

  /** Returns whether new weight matrices use the Vector API kernels. */
  static boolean vectorEnabled() {
    return VECTOR;
  }

  private static boolean decide() {
    String property = System.getProperty(VECTOR_PROPERTY, "true");
    boolean present = ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    String unsupported = null;
    if (present && !"false".equalsIgnoreCase(property)) {
      try {
        unsupported = VectorKernels.unsupportedReason();
      } catch (LinkageError e) {
        unsupported = "the Vector API failed to load: " + e;
      }
    }
    Choice choice = choose(property, present, unsupported);
    LOG.log(choice.level(), choice.message());
    return choice.vector();
  }

  /**
   * The decision, kept free of global state so that tests can check every branch.
   *
   * @param property the value of {@value #VECTOR_PROPERTY}
   * @param modulePresent whether {@code jdk.incubator.vector} is in the boot layer
   * @param unsupported why the vector kernels cannot run on this CPU, or null if they can
   */
  static Choice choose(String property, boolean modulePresent, String unsupported) {
    if ("false".equalsIgnoreCase(property)) {
      return new Choice(false, Level.DEBUG, "CPU kernels: scalar (-D" + VECTOR_PROPERTY + "=false)");
    }
    if (!modulePresent) {
      return new Choice(false, Level.WARNING,
          "CPU kernels: scalar, several times slower; start the JVM with --add-modules " + VECTOR_MODULE
              + " to use the Vector API kernels");
    }
    if (unsupported != null) {
      return new Choice(false, Level.WARNING, "CPU kernels: scalar, because " + unsupported);
    }
    return new Choice(true, Level.DEBUG, "CPU kernels: Vector API, " + VectorKernels.describe());
  }

  record Choice(boolean vector, Level level, String message) {}
}
