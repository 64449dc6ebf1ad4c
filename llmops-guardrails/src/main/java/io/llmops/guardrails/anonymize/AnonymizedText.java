package io.llmops.guardrails.anonymize;

import io.llmops.guardrails.pii.PiiEntity;
import java.util.List;

/**
 * The result of {@link Anonymizer#anonymize}: the new text and the entities found, with spans in the
 * <em>original</em> text. {@link #toString()} shows only counts, never content. Immutable and thread-safe.
 *
 * @param text the anonymized text
 * @param entities the entities that were replaced, spans in the original text
 * @since 0.1.0
 */
public record AnonymizedText(String text, List<PiiEntity> entities) {

  /**
   * Copies the list.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public AnonymizedText {
    java.util.Objects.requireNonNull(text, "text");
    entities = List.copyOf(entities);
  }

  /**
   * Returns whether anything was replaced.
   *
   * @return {@code true} if at least one entity was found
   */
  public boolean changed() {
    return !entities.isEmpty();
  }

  @Override
  public String toString() {
    return "AnonymizedText{chars=" + text.length() + ", entities=" + entities.size() + '}';
  }
}
