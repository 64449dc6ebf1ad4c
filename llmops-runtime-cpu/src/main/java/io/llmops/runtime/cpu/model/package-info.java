/**
 * The model forward pass, written once against {@link io.llmops.runtime.cpu.model.TensorOps}: the llama family
 * (Llama 2/3, Mistral, Qwen2) in {@link io.llmops.runtime.cpu.model.LlamaModel}, its GGUF loader, batches of tokens
 * from many sequences, and the CPU backend {@link io.llmops.runtime.cpu.model.CpuTensorOps}. A GPU runtime implements
 * {@code TensorOps} and reuses the rest.
 */
package io.llmops.runtime.cpu.model;
