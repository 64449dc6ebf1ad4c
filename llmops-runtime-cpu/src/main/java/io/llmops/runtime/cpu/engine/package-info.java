/**
 * The engine of a loaded model: one scheduler thread per model that batches the active sequences of every caller
 * into forward passes ({@link io.llmops.runtime.cpu.engine.Engine}), the KV-cache budget, stop-sequence matching and
 * streaming.
 */
package io.llmops.runtime.cpu.engine;
