package io.llmops.guardrails.anonymize;

import io.llmops.observation.ContentRedactor;

/**
 * A {@link ContentRedactor} for telemetry backed by the PII analyzer: every entity becomes its type
 * ({@code <EMAIL>}), so spans and logs keep the shape of the text without the data. Registered in
 * {@code META-INF/services/io.llmops.observation.ContentRedactor}, so telemetry finds it with {@link
 * java.util.ServiceLoader} when this module is on the class path.
 *
 * <p>Thread-safe. Stateless: nothing is remembered, unlike placeholders.
 *
 * @since 0.1.0
 */
public final class PiiContentRedactor implements ContentRedactor {
  private final Anonymizer anonymizer;

  /** Creates a redactor with the default analyzer (the constructor {@link java.util.ServiceLoader} calls). */
  public PiiContentRedactor() {
    this(Anonymizer.builder().defaultOperator(Operator.redact()).build());
  }

  /**
   * Creates a redactor with a configured anonymizer.
   *
   * @param anonymizer the anonymizer; its operators decide the replacements
   */
  public PiiContentRedactor(Anonymizer anonymizer) {
    this.anonymizer = java.util.Objects.requireNonNull(anonymizer, "anonymizer");
  }

  @Override
  public String redact(String text) {
    return text == null ? null : anonymizer.anonymize(text, "").text();
  }

  @Override
  public String toString() {
    return "PiiContentRedactor{" + anonymizer.analyzer() + '}';
  }
}
