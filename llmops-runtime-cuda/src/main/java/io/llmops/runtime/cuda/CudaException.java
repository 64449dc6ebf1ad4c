package io.llmops.runtime.cuda;

import io.llmops.LlmOpsException;

/**
 * A CUDA driver call failed: the message names the call, the driver's error name and what was being done (e.g.
 * {@code "cuMemAlloc(1.2 GiB for tensor blk.0.ffn_up.weight): CUDA_ERROR_OUT_OF_MEMORY"}).
 *
 * <p>Immutable.
 *
 * @since 0.1.0
 */
public final class CudaException extends LlmOpsException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates the exception.
   *
   * @param message the call and its context
   * @param status the {@code CUresult} code
   */
  public CudaException(String message, int status) {
    super(message);
    this.status = status;
  }

  /**
   * Returns the driver's {@code CUresult} code.
   *
   * @return the code (2 is {@code CUDA_ERROR_OUT_OF_MEMORY})
   */
  public int status() {
    return status;
  }
}
