package io.llmops.eval.metrics;

import io.llmops.evaluation.EvalOutput;
import io.llmops.model.CompletionResponse;

/**
 * Prices a call: per million input and output tokens (as API price lists do) plus, for in-process models, per hour of
 * CPU time the engine measured ({@link io.llmops.model.GenerationStats#cpuNanos()}). Immutable and thread-safe.
 *
 * @param perMillionInputTokens price of a million prompt tokens
 * @param perMillionOutputTokens price of a million generated tokens
 * @param perCpuHour price of an hour of engine CPU time
 * @since 0.1.0
 */
public record CostModel(double perMillionInputTokens, double perMillionOutputTokens, double perCpuHour) {

  /**
   * Returns a model that prices nothing.
   *
   * @return all prices 0
   */
  public static CostModel free() {
    return new CostModel(0, 0, 0);
  }

  /**
   * Returns the cost of one output; 0 when the output carries no response.
   *
   * @param output the output
   * @return the cost
   */
  public double cost(EvalOutput output) {
    CompletionResponse r = output.response();
    if (r == null) {
      return 0;
    }
    return r.usage().inputTokens() * perMillionInputTokens / 1e6 + r.usage().outputTokens() * perMillionOutputTokens
        / 1e6 + r.stats().cpuNanos() / 3.6e12 * perCpuHour;
  }
}
