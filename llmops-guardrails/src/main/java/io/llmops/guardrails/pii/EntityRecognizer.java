package io.llmops.guardrails.pii;

import java.util.List;
import java.util.Set;

/**
 * Finds entities of some types in a text. The built-in recognizers are rule-based; a statistical one (e.g. an ONNX
 * token-classification NER model emitting {@code PERSON}) plugs in by implementing this interface and being added to
 * {@link PiiAnalyzer.Builder#recognizer(EntityRecognizer)}.
 *
 * <p>Implementations are thread-safe, never log the text, and return raw scores: the analyzer applies context words
 * ({@link #contextWords()}) and the threshold afterwards.
 *
 * @since 0.1.0
 */
public interface EntityRecognizer {

  /**
   * Returns a stable name, used in {@link PiiEntity#recognizer()}.
   *
   * @return the name
   */
  String name();

  /**
   * Returns the types this recognizer can emit.
   *
   * @return the type names
   */
  Set<String> supportedTypes();

  /**
   * Finds entities.
   *
   * @param text the text, never {@code null}
   * @return the entities, in any order, possibly overlapping
   */
  List<PiiEntity> recognize(String text);

  /**
   * Returns lower-case words that, found shortly before an entity, make it more likely (e.g. "phone", "téléphone").
   *
   * @return the words; empty by default
   */
  default Set<String> contextWords() {
    return Set.of();
  }
}
