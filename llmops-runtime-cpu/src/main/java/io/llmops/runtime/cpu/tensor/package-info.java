/**
 * Tensors and kernels of the CPU runtime: {@link io.llmops.runtime.cpu.tensor.WeightMatrix} (GGUF weights read in
 * place, with dot, mat-vec, batched mat-mul and row dequantisation for F32, F16, BF16, Q8_0, Q4_0, Q4_K and Q6_K),
 * {@link io.llmops.runtime.cpu.tensor.WorkerPool} (the runtime's threads),
 * {@link io.llmops.runtime.cpu.tensor.Quantization} and {@link io.llmops.runtime.cpu.tensor.HalfFloats} (writing
 * and converting the formats).
 *
 * <p>Design: every format has a plain scalar reference (the oracle of the tests, and the fallback) and a Vector API
 * kernel ({@code jdk.incubator.vector}) used when the JVM runs with {@code --add-modules jdk.incubator.vector} and
 * {@code -Dllmops.cpu.vector} is not {@code false}; classes that touch the Vector API load only then. Block layouts
 * follow ggml's {@code ggml-common.h} and {@code dequantize_row_*} in {@code ggml-quants.c}.
 */
package io.llmops.runtime.cpu.tensor;
