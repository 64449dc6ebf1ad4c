/**
 * The GPU conformance and throughput check run on a machine with a GPU ({@code gpu-check/run-on-device.sh}): every
 * op of {@link io.llmops.runtime.cuda.CudaTensorOps} against the CPU backend on random data, stories260K greedy
 * decoding against llama.cpp's reference, and decode/prefill tokens per second on synthetic 1B-shape models.
 */
package io.llmops.runtime.cuda.check;
