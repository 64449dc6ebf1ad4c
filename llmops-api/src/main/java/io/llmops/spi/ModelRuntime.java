package io.llmops.spi;

import io.llmops.model.LanguageModel;
import java.nio.file.Path;

/**
 * A runtime that turns model files into {@link LanguageModel}s. Thread-safe: several models may be loaded
 * concurrently. Each loaded model owns its resources; the runtime itself holds none that need closing.
 *
 * @since 0.1.0
 */
public interface ModelRuntime {

  /**
   * Returns the runtime's name (the provider's {@link RuntimeProvider#name()}).
   *
   * @return the name
   */
  String name();

  /**
   * Loads a model.
   *
   * @param path the model file (e.g. a {@code .gguf})
   * @param options threads, context length, listener
   * @return the loaded model; the caller closes it
   * @throws io.llmops.ModelLoadException if the file is missing, corrupt, hostile or unsupported
   */
  LanguageModel load(Path path, ModelOptions options);
}
