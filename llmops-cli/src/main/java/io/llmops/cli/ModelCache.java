package io.llmops.cli;

import io.llmops.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local model cache: {@code ~/.cache/llmops/models}, or the folder in {@code LLMOPS_MODELS}. A model given to a
 * command is a path, or a name found in the cache (with or without {@code .gguf}; {@code llmops pull} stores
 * {@code owner/repo/file.gguf} there). Immutable and thread-safe.
 */
final class ModelCache {
  static final String ENV = "LLMOPS_MODELS";
  private final Path root;

  ModelCache(Path root) {
    this.root = root;
  }

  /** The cache named by the environment, else the default under the user's home. */
  static ModelCache fromEnvironment(Map<String, String> env) {
    String dir = env.get(ENV);
    if (dir != null && !dir.isBlank()) {
      return new ModelCache(Paths.get(dir));
    }
    String xdg = env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
    return new ModelCache(base.resolve("llmops").resolve("models"));
  }

  Path root() {
    return root;
  }

  /**
   * Resolves a model argument.
   *
   * @throws ModelLoadException if it is neither a file nor in the cache; the message lists the cached models
   */
  Path resolve(String model) {
    Path direct = Paths.get(model);
    if (Files.isRegularFile(direct)) {
      return direct;
    }
    for (String candidate : List.of(model, model + ".gguf")) {
      Path p = root.resolve(candidate).normalize();
      if (p.startsWith(root.normalize()) && Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new ModelLoadException("model '" + model + "' is not a file and not in the cache " + root
        + " (set " + ENV + " to change it; 'llmops pull' downloads into it). Cached: " + list());
  }

  /** The cached model files, relative to the root. */
  List<String> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root, 4)) {
      return files.filter(p -> p.toString().endsWith(".gguf")).map(p -> root.relativize(p).toString()).sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      return List.of();
    }
  }
}
