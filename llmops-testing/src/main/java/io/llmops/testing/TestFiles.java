package io.llmops.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the third-party test files that are never committed: models in {@code ../shared/models} and llama.cpp
 * reference outputs in {@code ../shared/reference}, relative to the repository root.
 *
 * <p>Lookup: the directory in the environment variable {@code LLMOPS_TEST_MODELS} (for models) or {@code
 * LLMOPS_SHARED_DIR} (for the whole shared folder), else the first {@code shared} folder found beside the working
 * directory or one of its parents. When a file is missing, the test is <em>skipped</em> with a message naming the
 * file, except when the environment variable {@code CI} is {@code true}: then the test <em>fails</em>, so CI never
 * passes by skipping.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class TestFiles {
  private TestFiles() {}

  /**
   * Returns a model file, or skips (fails on CI) when it is absent.
   *
   * @param name file name relative to the models folder, e.g. {@code "stories260K.gguf"} or {@code
   *     "vocab/ggml-vocab-gpt-2.gguf"}
   * @return the existing file
   */
  public static Path model(String name) {
    String env = System.getenv("LLMOPS_TEST_MODELS");
    Path dir = env != null && !env.isBlank() ? Paths.get(env) : shared().resolve("models");
    return require(dir.resolve(name), "model");
  }

  /**
   * Returns a llama.cpp reference file, or skips (fails on CI) when it is absent.
   *
   * @param name file name, e.g. {@code "stories260K_greedy.txt"}
   * @return the existing file
   */
  public static Path reference(String name) {
    return require(shared().resolve("reference").resolve(name), "reference");
  }

  /**
   * Returns the shared folder (it may not exist).
   *
   * @return the path
   */
  public static Path shared() {
    String env = System.getenv("LLMOPS_SHARED_DIR");
    if (env != null && !env.isBlank() && Files.isDirectory(Paths.get(env))) {
      return Paths.get(env).toAbsolutePath().normalize();
    }
    for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared");
      if (Files.isDirectory(candidate.resolve("models")) || Files.isDirectory(candidate.resolve("reference"))) {
        return candidate;
      }
    }
    return Paths.get("..", "shared").toAbsolutePath().normalize();
  }

  /**
   * Returns whether tests run on CI ({@code CI=true}), where missing files fail instead of skipping.
   *
   * @return {@code true} on CI
   */
  public static boolean onCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static Path require(Path file, String kind) {
    if (Files.isRegularFile(file)) {
      return file;
    }
    String message = "test " + kind + " file not found: " + file.toAbsolutePath().normalize()
        + " (set LLMOPS_TEST_MODELS or LLMOPS_SHARED_DIR, or place it in ../shared)";
    if (onCi()) {
      Assertions.fail(message);
    }
    Assumptions.abort(message);
    throw new AssertionError(message);
  }
}
