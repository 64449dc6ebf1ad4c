package io.llmops.runtime.cpu;

import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.model.CpuTensorOps;
import io.llmops.runtime.cpu.model.LlamaLoader;
import io.llmops.runtime.cpu.model.LlamaModel;

/**
 * Where a GGUF model's forward pass runs: builds the {@link LlamaModel} (weights on a {@link
 * io.llmops.runtime.cpu.model.TensorOps} backend) that {@link GgufLanguageModel} serves. The CPU runtime uses {@link
 * #cpu(int)}; the CUDA runtime passes its own, so tokenizer, chat template, engine and model code are shared.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ModelBackend {

  /**
   * Loads the model's weights onto the backend.
   *
   * @param gguf the open file (weights may be mapped or copied; the file is closed after loading)
   * @param contextLength positions per sequence
   * @param maxSequences sequences that may hold a KV cache at once
   * @return the forward pass; closing it frees the backend
   * @throws io.llmops.ModelLoadException if the file is unsupported
   * @throws io.llmops.ResourceExhaustedException if the model and its KV budget do not fit the backend's memory
   */
  LlamaModel load(GgufFile gguf, int contextLength, int maxSequences);

  /**
   * Returns the CPU backend: weights stay memory-mapped, work is spread over a fixed pool of threads.
   *
   * @param threads worker threads, at least 1
   * @return the backend
   */
  static ModelBackend cpu(int threads) {
    return (gguf, contextLength, maxSequences) -> {
      CpuTensorOps ops = CpuTensorOps.create(threads);
      try {
        return LlamaLoader.load(gguf, ops);
      } catch (RuntimeException | Error e) {
        ops.close();
        throw e;
      }
    };
  }
}
