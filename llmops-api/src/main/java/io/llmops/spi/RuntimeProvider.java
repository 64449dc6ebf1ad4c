package io.llmops.spi;

/**
 * A pluggable runtime, found with {@link java.util.ServiceLoader}. Implementations need a public no-argument
 * constructor that does no work; they must load no native code in static initialisers, since discovery creates every
 * provider on the class path, including those that cannot run here.
 *
 * <p>Priorities: CUDA 300, CPU with the Vector API 200, scalar CPU 100; remote engines will sit below local ones.
 *
 * @since 0.1.0
 */
public interface RuntimeProvider {

  /**
   * Returns the runtime's short name, used by {@code -Dllmops.runtime=NAME}.
   *
   * @return e.g. {@code "cpu"}, {@code "cuda"}
   */
  String name();

  /**
   * Returns the priority; the highest available provider wins.
   *
   * @return the priority
   */
  int priority();

  /**
   * Checks whether this runtime can run here (native libraries, devices, JVM modules). Never throws; may be slow the
   * first time (loading a driver) and should cache its answer.
   *
   * @return the availability and its reason
   */
  Availability probe();

  /**
   * Creates the runtime. Called only after {@link #probe()} reported it available.
   *
   * @return the runtime
   * @throws io.llmops.RuntimeUnavailableException if it turns out it cannot run after all
   */
  ModelRuntime create();
}
