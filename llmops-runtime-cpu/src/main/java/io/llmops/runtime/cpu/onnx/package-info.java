/**
 * Sentence encoders on ONNX Runtime with HuggingFace {@code tokenizer.json} tokenizers: {@link
 * io.llmops.runtime.cpu.onnx.OnnxEmbeddingModel}, an {@link io.llmops.model.EmbeddingModel} whose default is the
 * quantized all-MiniLM-L6-v2 bundled on the class path, used by guardrails (prompt-injection, topic relevance) and by
 * evaluation (semantic similarity).
 *
 * <p>Native code (ONNX Runtime, the Rust tokenizer through DJL) is loaded only when a model is built, never in a
 * static initialiser.
 */
package io.llmops.runtime.cpu.onnx;
