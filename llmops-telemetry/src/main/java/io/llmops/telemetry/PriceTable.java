package io.llmops.telemetry;

import io.llmops.model.CompletionResponse;
import io.llmops.model.GenerationStats;
import io.llmops.model.TokenUsage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Prices per model, and the arithmetic that turns a call's measured consumption into a {@link RequestCost}:
 *
 * <pre>
 * amount = inputTokens / 1000 * inputPer1kTokens + outputTokens / 1000 * outputPer1kTokens
 *        + cpuSeconds / 3600 * perCpuHour + gpuSeconds / 3600 * perGpuHour
 * gpuSeconds = wallSeconds / max(1, batchSize)   (only when the runtime is a GPU runtime, e.g. "cuda")
 * </pre>
 *
 * <p>A model is looked up by its exact name, then the default price; without either, the cost is unpriced (amount 0,
 * empty currency) but still carries the measured tokens and times. Immutable and thread-safe; build with {@link
 * #builder()}.
 *
 * @since 0.1.0
 */
public final class PriceTable {
  private static final PriceTable EMPTY = builder().build();

  private final Map<String, Price> prices;
  private final Price defaultPrice;
  private final Set<String> gpuRuntimes;

  private PriceTable(Builder b) {
    prices = Map.copyOf(b.prices);
    defaultPrice = b.defaultPrice;
    gpuRuntimes = Set.copyOf(b.gpuRuntimes);
  }

  /**
   * Returns a table with no prices: costs carry measurements only.
   *
   * @return the shared empty table
   */
  public static PriceTable empty() {
    return EMPTY;
  }

  /**
   * Returns a new builder; GPU runtimes default to {@code "cuda"}.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this table's entries.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.prices.putAll(prices);
    b.defaultPrice = defaultPrice;
    b.gpuRuntimes.clear();
    b.gpuRuntimes.addAll(gpuRuntimes);
    return b;
  }

  /**
   * Returns the price of a model.
   *
   * @param model the model name
   * @return its price, the default price, or {@code null} when neither exists
   */
  public Price priceOf(String model) {
    Price p = prices.get(model);
    return p != null ? p : defaultPrice;
  }

  /**
   * Measures and prices a finished generation from its usage and engine stats.
   *
   * @param response the response
   * @return the cost
   */
  public RequestCost measure(CompletionResponse response) {
    return measure(response.model(), response.usage(), response.stats(), response.stats().totalNanos());
  }

  /**
   * Measures and prices a call.
   *
   * @param model the model name (price lookup key)
   * @param usage the token counts
   * @param stats the engine's measurements
   * @param wallNanos the call's wall time (used when {@code stats} has none)
   * @return the cost
   */
  public RequestCost measure(String model, TokenUsage usage, GenerationStats stats, long wallNanos) {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(stats, "stats");
    double wall = (stats.totalNanos() > 0 ? stats.totalNanos() : Math.max(0, wallNanos)) / 1e9;
    double cpu = Math.max(0, stats.cpuNanos()) / 1e9;
    double gpu = gpuRuntimes.contains(stats.runtime().toLowerCase(Locale.ROOT))
        ? wall / Math.max(1, stats.batchSize()) : 0;
    Price p = priceOf(model);
    if (p == null) {
      return new RequestCost(usage.inputTokens(), usage.outputTokens(), cpu, wall, gpu, 0, "");
    }
    double amount = usage.inputTokens() / 1000.0 * p.inputPer1kTokens()
        + usage.outputTokens() / 1000.0 * p.outputPer1kTokens()
        + cpu / 3600 * p.perCpuHour() + gpu / 3600 * p.perGpuHour();
    return new RequestCost(usage.inputTokens(), usage.outputTokens(), cpu, wall, gpu, amount, p.currency());
  }

  @Override
  public String toString() {
    return "PriceTable{models=" + prices.keySet() + ", default=" + defaultPrice + ", gpuRuntimes=" + gpuRuntimes
        + '}';
  }

  /**
   * Builds {@link PriceTable}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<String, Price> prices = new HashMap<>();
    private Price defaultPrice;
    private final Set<String> gpuRuntimes = new HashSet<>(Set.of("cuda"));

    private Builder() {}

    /**
     * Sets the price of one model.
     *
     * @param model the model name, as {@code ModelInfo.name()} reports it
     * @param price the price
     * @return this builder
     */
    public Builder price(String model, Price price) {
      prices.put(Objects.requireNonNull(model, "model"), Objects.requireNonNull(price, "price"));
      return this;
    }

    /**
     * Sets the price of models not listed.
     *
     * @param price the price, or {@code null} for none
     * @return this builder
     */
    public Builder defaultPrice(Price price) {
      this.defaultPrice = price;
      return this;
    }

    /**
     * Declares a runtime (as {@code GenerationStats.runtime()} names it) whose wall time is GPU time.
     *
     * @param runtime e.g. {@code "cuda"}
     * @return this builder
     */
    public Builder gpuRuntime(String runtime) {
      gpuRuntimes.add(runtime.toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Builds.
     *
     * @return the table
     */
    public PriceTable build() {
      return new PriceTable(this);
    }
  }
}
