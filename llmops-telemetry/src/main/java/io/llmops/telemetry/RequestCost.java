package io.llmops.telemetry;

import java.util.Objects;

/**
 * What one model call consumed, as measured by the engine, and what that cost under a {@link PriceTable}. Immutable
 * and thread-safe.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens generated tokens
 * @param cpuSeconds CPU time of the engine's threads for this call
 * @param wallSeconds wall time of the call
 * @param gpuSeconds GPU time charged to this call (wall time over batch size on a GPU runtime, else 0)
 * @param amount the cost, 0 when the model has no price
 * @param currency the currency of {@code amount}, empty when the model has no price
 * @since 0.1.0
 */
public record RequestCost(long inputTokens, long outputTokens, double cpuSeconds, double wallSeconds,
    double gpuSeconds, double amount, String currency) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code currency} is {@code null}
   */
  public RequestCost {
    Objects.requireNonNull(currency, "currency");
  }

  /**
   * Returns whether a price was found for the model.
   *
   * @return {@code true} when {@link #currency()} is set
   */
  public boolean isPriced() {
    return !currency.isEmpty();
  }

  /**
   * Returns input plus output tokens.
   *
   * @return the total
   */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }
}
