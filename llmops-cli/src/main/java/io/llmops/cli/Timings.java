package io.llmops.cli;

import io.llmops.model.CompletionResponse;
import io.llmops.model.GenerationStats;
import java.util.Locale;

/** Formats the engine's measurements the way llama.cpp prints its timings, for standard error. */
final class Timings {
  private Timings() {}

  static String describe(CompletionResponse r) {
    GenerationStats s = r.stats();
    int in = r.usage().inputTokens();
    int out = r.usage().outputTokens();
    double prefillMs = s.prefillNanos() / 1e6;
    double decodeMs = s.decodeNanos() / 1e6;
    return String.format(Locale.ROOT,
        "llmops: prompt %d tokens in %.1f ms (%.1f tok/s) | generated %d tokens, decode %.1f ms (%.1f tok/s) | "
            + "first token after %.1f ms | total %.1f ms | finish %s | runtime %s, %d threads",
        in, prefillMs, prefillMs > 0 ? in * 1000 / prefillMs : 0, out, decodeMs,
        s.decodeTokensPerSecond(out), s.timeToFirstTokenNanos() / 1e6, s.totalNanos() / 1e6,
        r.finishReason().name().toLowerCase(Locale.ROOT), s.runtime(), s.threads());
  }
}
