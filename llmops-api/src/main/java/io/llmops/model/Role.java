package io.llmops.model;

/**
 * The author of a chat message, as chat templates name it ({@code system}, {@code user}, {@code assistant},
 * {@code tool}).
 *
 * @since 0.1.0
 */
public enum Role {
  /** Instructions that frame the conversation. */
  SYSTEM("system"),
  /** The end user. */
  USER("user"),
  /** The model. */
  ASSISTANT("assistant"),
  /** The result of a tool call. */
  TOOL("tool");

  private final String templateName;

  Role(String templateName) {
    this.templateName = templateName;
  }

  /**
   * Returns the lower-case name chat templates use for this role.
   *
   * @return e.g. {@code "user"}
   */
  public String templateName() {
    return templateName;
  }
}
