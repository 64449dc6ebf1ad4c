/**
 * The CUDA runtime: the same GGUF models on NVIDIA GPUs through JCuda, implementing the tensor operations that the CPU runtime's forward pass is written against. Discovery skips it, with its reason, where there is no CUDA driver.
 */
package io.llmops.runtime.cuda;
