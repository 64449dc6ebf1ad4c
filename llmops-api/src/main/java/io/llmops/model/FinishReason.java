package io.llmops.model;

/**
 * Why a generation ended.
 *
 * @since 0.1.0
 */
public enum FinishReason {
  /** The model produced an end-of-generation token or a stop sequence matched. */
  STOP,
  /** The maximum number of tokens or the end of the context was reached. */
  LENGTH,
  /** The caller cancelled the generation. */
  CANCELLED,
  /** A guardrail stopped the generation. */
  CONTENT_FILTER,
  /** The generation failed; the error was reported to the handler. */
  ERROR
}
