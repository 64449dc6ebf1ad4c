/**
 * Reading and writing GGUF files: {@link io.llmops.runtime.cpu.gguf.GgufFile} parses the header, metadata and tensor
 * descriptors defensively and memory-maps tensor data; {@link io.llmops.runtime.cpu.gguf.GgufWriter} writes files
 * (for tests and the quantize tool); {@link io.llmops.runtime.cpu.gguf.GgufInspector} prints them.
 */
package io.llmops.runtime.cpu.gguf;
