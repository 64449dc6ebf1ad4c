package io.llmops.telemetry;

import io.opentelemetry.api.trace.Span;

/**
 * One call's telemetry state, attached to its {@code ModelCallContext}: the open span, the per-model constants and
 * what {@code onToken} observed. The token fields are plain: a runtime delivers one call's events in order, one at a
 * time, and hands them between threads through its executor, which orders the writes before the next event's reads.
 */
final class CallState {
  final Span span;
  final ModelKey key;
  final String tenant;
  private long firstTokenNanos;
  private int tokens;

  CallState(Span span, ModelKey key, String tenant) {
    this.span = span;
    this.key = key;
    this.tenant = tenant;
  }

  void onToken(long nowNanos) {
    if (tokens++ == 0) {
      firstTokenNanos = nowNanos;
    }
  }

  /** Returns {@link System#nanoTime()} at the first token, or 0 when none was seen. */
  long firstTokenNanos() {
    return firstTokenNanos;
  }

  int tokens() {
    return tokens;
  }
}
