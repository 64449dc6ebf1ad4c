package io.llmops.runtime.cpu.model;

import io.llmops.runtime.cpu.gguf.GgufFile;
import java.nio.file.Path;

/** Shared by the model tests: runs a GGUF model on a prompt. */
final class TestModels {
  private TestModels() {}

  /** Loads {@code file} on one thread and returns the logits after the last prompt token. */
  static float[] lastLogits(Path file, int[] prompt, int vocab) {
    try (GgufFile gguf = GgufFile.open(file); LlamaModel m = LlamaLoader.load(gguf, CpuTensorOps.create(1))) {
      TensorOps.KvCache cache = m.newKvCache(32);
      Batch b = new Batch();
      for (int i = 0; i < prompt.length; i++) {
        b.add(prompt[i], i, cache, i == prompt.length - 1);
      }
      float[] out = new float[vocab];
      m.forward(b, (i, l) -> System.arraycopy(l, 0, out, 0, vocab));
      return out;
    }
  }
}
