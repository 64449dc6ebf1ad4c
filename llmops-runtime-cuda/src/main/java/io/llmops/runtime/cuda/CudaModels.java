package io.llmops.runtime.cuda;

import io.llmops.ModelLoadException;
import io.llmops.ResourceExhaustedException;
import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.model.LlamaConfig;
import io.llmops.runtime.cpu.model.LlamaLoader;
import io.llmops.runtime.cpu.model.LlamaModel;

/**
 * Loads a llama-family GGUF model onto a GPU: the CPU runtime's {@link LlamaLoader} and forward pass over
 * {@link CudaTensorOps}, after checking with a {@link MemoryPlan} that the weights, activations and the whole KV
 * budget fit in free device memory (so a model that cannot fit fails before anything is allocated).
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class CudaModels {
  private CudaModels() {}

  /**
   * Loads a model.
   *
   * @param gguf the file, open while the model is loaded (weights are copied to the device)
   * @param contextLength positions per sequence
   * @param maxSequences the KV budget in sequences
   * @param device the device index
   * @return the model; closing it frees the device memory
   * @throws ResourceExhaustedException if the plan does not fit, with the plan and how many sequences would fit
   * @throws ModelLoadException if the file is unsupported or a tensor cannot be uploaded
   * @throws io.llmops.RuntimeUnavailableException if there is no CUDA driver
   */
  public static LlamaModel load(GgufFile gguf, int contextLength, int maxSequences, int device) {
    LlamaConfig config = LlamaLoader.config(gguf);
    MemoryPlan plan = MemoryPlan.of(config, MemoryPlan.weightBytes(gguf), contextLength, maxSequences);
    CudaTensorOps ops = CudaTensorOps.create(device);
    try {
      long free = ops.freeBytes();
      if (!plan.fits(free)) {
        throw new ResourceExhaustedException(String.format(java.util.Locale.ROOT,
            "%s does not fit on %s: needs %s, %.2f GiB free; %d sequence(s) of %d positions would fit",
            gguf.path().getFileName(), ops.device().name(), plan.describe(), free / (double) (1L << 30),
            plan.sequencesThatFit(free), contextLength));
      }
      return LlamaLoader.load(gguf, ops);
    } catch (RuntimeException e) {
      ops.close();
      throw e;
    }
  }
}
