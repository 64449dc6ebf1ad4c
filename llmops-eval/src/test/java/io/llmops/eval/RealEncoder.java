package io.llmops.eval;

import io.llmops.LlmOpsException;
import io.llmops.runtime.cpu.onnx.OnnxEmbeddingModel;
import io.llmops.testing.TestFiles;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Loads the real sentence encoder (all-MiniLM-L6-v2, bundled with the CPU runtime's dependencies). Like
 * {@link RealModels}, an encoder that cannot load skips locally and fails on CI.
 */
public final class RealEncoder {
  private RealEncoder() {}

  public static OnnxEmbeddingModel miniLm() {
    try {
      return OnnxEmbeddingModel.allMiniLmL6V2();
    } catch (LlmOpsException | LinkageError e) {
      String message = "the all-MiniLM-L6-v2 encoder cannot load: " + e;
      if (TestFiles.onCi()) {
        Assertions.fail(message);
      }
      Assumptions.abort(message);
      throw e;
    }
  }
}
