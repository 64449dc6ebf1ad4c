/**
 * Tokenizers read from GGUF metadata and exact to llama.cpp: SentencePiece BPE ({@code llama}), byte-level BPE with
 * per-model pre-tokenizers ({@code gpt2}) and WordPiece ({@code bert}). Entry point: {@link
 * io.llmops.runtime.cpu.tokenizer.GgufTokenizer#from}; {@link io.llmops.runtime.cpu.tokenizer.StreamingDecoder} turns
 * generated ids into text without splitting characters.
 */
package io.llmops.runtime.cpu.tokenizer;
