package io.llmops;

import io.llmops.model.LanguageModel;
import io.llmops.observation.ModelListener;
import io.llmops.spi.ModelOptions;
import io.llmops.spi.RuntimeDiscovery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads a model with options; get one from {@link Models#loader()}. Not thread-safe; reusable for several loads.
 *
 * @since 0.1.0
 */
public final class ModelLoader {
  private final ModelOptions.Builder options = ModelOptions.builder();
  private String runtime;
  private ClassLoader classLoader;

  ModelLoader() {}

  /**
   * Sets the number of worker threads (default: available processors).
   *
   * @param threads at least 1
   * @return this loader
   */
  public ModelLoader threads(int threads) {
    options.threads(threads);
    return this;
  }

  /**
   * Sets the context length (default: the model's, capped at 4096).
   *
   * @param contextLength tokens
   * @return this loader
   */
  public ModelLoader contextLength(int contextLength) {
    options.contextLength(contextLength);
    return this;
  }

  /**
   * Sets how many sequences may be in flight at once (default 4).
   *
   * @param maxSequences at least 1
   * @return this loader
   */
  public ModelLoader maxSequences(int maxSequences) {
    options.maxSequences(maxSequences);
    return this;
  }

  /**
   * Sets the listener that observes every call (e.g. OpenTelemetry instrumentation).
   *
   * @param listener the listener
   * @return this loader
   */
  public ModelLoader listener(ModelListener listener) {
    options.listener(listener);
    return this;
  }

  /**
   * Forces a runtime by name, overriding {@code -Dllmops.runtime}.
   *
   * @param runtime e.g. {@code "cpu"}, or {@code null} to choose automatically
   * @return this loader
   */
  public ModelLoader runtime(String runtime) {
    this.runtime = runtime;
    return this;
  }

  /**
   * Sets the class loader discovery searches (default: the context class loader).
   *
   * @param classLoader the class loader
   * @return this loader
   */
  public ModelLoader classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    return this;
  }

  /**
   * Discovers a runtime and loads the model.
   *
   * @param path the model file
   * @return the model; the caller closes it
   * @throws ModelLoadException if the file does not exist or cannot be loaded
   * @throws RuntimeUnavailableException if no runtime fits
   * @throws InvalidRequestException if an option is out of range
   */
  public LanguageModel load(Path path) {
    Objects.requireNonNull(path, "path");
    ModelOptions built = options.build();
    if (!Files.isRegularFile(path)) {
      throw new ModelLoadException("model file not found: " + path.toAbsolutePath());
    }
    RuntimeDiscovery discovery =
        classLoader != null ? RuntimeDiscovery.of(classLoader) : RuntimeDiscovery.ofContextClassLoader();
    return discovery.select(runtime).load(path, built);
  }
}
