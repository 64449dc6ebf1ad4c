package io.llmops.guardrails.pii;

import java.util.List;

/**
 * A built-in recognizer: it reads the {@link PiiText} the analyzer prepares once per text instead of rescanning the
 * string itself.
 */
interface BuiltInRecognizer extends EntityRecognizer {

  /**
   * Finds entities in a prepared text.
   *
   * @param t the text and its candidate offsets
   * @return the entities, in any order, possibly overlapping
   */
  List<PiiEntity> recognize(PiiText t);

  @Override
  default List<PiiEntity> recognize(String text) {
    return recognize(PiiText.of(text));
  }
}
