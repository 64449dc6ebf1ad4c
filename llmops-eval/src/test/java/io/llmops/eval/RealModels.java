package io.llmops.eval;

import io.llmops.Models;
import io.llmops.RuntimeUnavailableException;
import io.llmops.model.LanguageModel;
import io.llmops.testing.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Loads the real stories260K model with the real runtime for real-model tests. Like {@link TestFiles}, a missing
 * model or runtime skips locally and fails on CI.
 */
public final class RealModels {
  private RealModels() {}

  public static Path storiesFile() {
    return TestFiles.model("stories260K.gguf");
  }

  public static LanguageModel stories() {
    Path file = storiesFile();
    try {
      return Models.load(file);
    } catch (RuntimeUnavailableException e) {
      String message = "no runtime can load " + file + ": " + e.getMessage();
      if (TestFiles.onCi()) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
      throw e;
    }
  }
}
