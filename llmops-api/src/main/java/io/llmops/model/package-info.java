/**
 * Model interfaces ({@link io.llmops.model.ChatModel}, {@link io.llmops.model.CompletionModel}, {@link
 * io.llmops.model.EmbeddingModel}, {@link io.llmops.model.LogprobModel}, and {@link io.llmops.model.LanguageModel}
 * which a runtime returns), their immutable request and response types, and streaming ({@link
 * io.llmops.model.StreamHandler}, {@link io.llmops.model.StreamHandle}).
 *
 * <p>Values are never {@code null} unless documented; value types are immutable and thread-safe.
 */
package io.llmops.model;
