/**
 * The CPU runtime: GGUF models served in-process. Holds the runtime provider (discovered through {@code META-INF/services}), the loaded model, and the sub-packages for GGUF files, tokenizers, chat templates, tensors and kernels, the model forward pass, sampling and ONNX encoders.
 */
package io.llmops.runtime.cpu;
