package io.llmops;

import io.llmops.model.LanguageModel;
import io.llmops.spi.RuntimeDiscovery;
import io.llmops.spi.RuntimeStatus;
import java.nio.file.Path;
import java.util.List;

/**
 * The entry point: load a model with the best runtime on this machine.
 *
 * <pre>{@code
 * try (LanguageModel model = Models.load(Path.of("stories260K.gguf"))) {
 *   System.out.println(model.complete(CompletionRequest.of("Once upon a time")).text());
 * }
 * try (LanguageModel model = Models.loader().threads(2).contextLength(1024).runtime("cpu").load(path)) { ... }
 * }</pre>
 *
 * <p>Stateless and thread-safe: each call runs discovery afresh over the context class loader.
 *
 * @since 0.1.0
 */
public final class Models {
  private Models() {}

  /**
   * Loads a model with default options and the highest-priority available runtime.
   *
   * @param path the model file
   * @return the model; the caller closes it
   * @throws RuntimeUnavailableException if no runtime can run here
   * @throws ModelLoadException if the file cannot be loaded
   */
  public static LanguageModel load(Path path) {
    return loader().load(path);
  }

  /**
   * Returns a loader to set options before loading.
   *
   * @return a new loader
   */
  public static ModelLoader loader() {
    return new ModelLoader();
  }

  /**
   * Lists every runtime provider found and whether it can run here.
   *
   * @return statuses, highest priority first
   */
  public static List<RuntimeStatus> runtimes() {
    return RuntimeDiscovery.ofContextClassLoader().statuses();
  }
}
