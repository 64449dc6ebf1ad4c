package io.llmops.observation;

/**
 * The kind of model call, named as the OpenTelemetry GenAI conventions name {@code gen_ai.operation.name}.
 *
 * @since 0.1.0
 */
public enum Operation {
  /** A chat call. */
  CHAT("chat"),
  /** A raw text completion. */
  TEXT_COMPLETION("text_completion"),
  /** An embedding call. */
  EMBEDDINGS("embeddings");

  private final String conventionName;

  Operation(String conventionName) {
    this.conventionName = conventionName;
  }

  /**
   * Returns the value of {@code gen_ai.operation.name}.
   *
   * @return e.g. {@code "chat"}
   */
  public String conventionName() {
    return conventionName;
  }
}
