package io.llmops.runtime.cpu.engine;

import java.util.List;

/**
 * Finds stop sequences in generated text across token boundaries. Text that could still become the start of a stop
 * sequence is held back; {@link #accept} returns only what is safe to emit, and once a stop sequence appears it
 * returns the text before it and reports {@link #stopped()}.
 *
 * <p>Not thread-safe; one per generation.
 */
final class StopMatcher {
  private final List<String> stops;
  private final StringBuilder held = new StringBuilder();
  private boolean stopped;

  StopMatcher(List<String> stops) {
    this.stops = stops;
  }

  /** Adds decoded text; returns the text that can be emitted now. */
  String accept(String text) {
    if (stops.isEmpty()) {
      return text;
    }
    held.append(text);
    int first = -1;
    for (String s : stops) {
      int at = held.indexOf(s);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    if (first >= 0) {
      stopped = true;
      String out = held.substring(0, first);
      held.setLength(0);
      return out;
    }
    int keep = longestSuffixThatStartsAStop();
    String out = held.substring(0, held.length() - keep);
    held.delete(0, held.length() - keep);
    return out;
  }

  /** Returns the held-back text (at the end of a generation that did not stop on a sequence). */
  String flush() {
    String out = held.toString();
    held.setLength(0);
    return out;
  }

  boolean stopped() {
    return stopped;
  }

  private int longestSuffixThatStartsAStop() {
    String h = held.toString();
    int best = 0;
    for (String s : stops) {
      for (int len = Math.min(s.length() - 1, h.length()); len > best; len--) {
        if (h.regionMatches(h.length() - len, s, 0, len)) {
          best = len;
          break;
        }
      }
    }
    return best;
  }
}
