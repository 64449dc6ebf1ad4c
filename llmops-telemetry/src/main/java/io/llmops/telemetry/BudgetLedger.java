package io.llmops.telemetry;

import io.llmops.model.CompletionResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks what each tenant spent in its current budget window: {@link #check} before a request, {@link #charge} after
 * it. A tenant without its own budget gets the default one; without a default, it is unlimited. Requests without a
 * tenant id are charged to the tenant {@code ""}.
 *
 * <p>The check is admission control, not a reservation: a request is rejected when the window's spend has already
 * reached the limit, so concurrent requests admitted together may overshoot the limit by at most their own size
 * (the same trade-off as token-bucket rate limiters; reserving {@code maxTokens} up front would reject requests that
 * would have fit).
 *
 * <p>Thread-safe: per-tenant windows are updated atomically.
 *
 * @since 0.1.0
 */
public final class BudgetLedger {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetLedger.class);

  private final Map<String, Budget> budgets;
  private final Budget defaultBudget;
  private final PriceTable prices;
  private final Clock clock;
  private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
  private final AtomicBoolean warnedCurrency = new AtomicBoolean();

  private BudgetLedger(Builder b) {
    budgets = Map.copyOf(b.budgets);
    defaultBudget = b.defaultBudget;
    prices = b.prices;
    clock = b.clock;
  }

  /**
   * Returns a new builder (no budgets, no prices, the UTC system clock).
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the budget that applies to a tenant.
   *
   * @param tenant the tenant id, {@code null} for none
   * @return the budget, or {@code null} when the tenant is unlimited
   */
  public Budget budgetOf(String tenant) {
    Budget b = budgets.get(key(tenant));
    return b != null ? b : defaultBudget;
  }

  /**
   * Rejects a request whose tenant has spent its budget for the current window.
   *
   * @param tenant the tenant id, {@code null} for none
   * @throws BudgetExceededException if the window's spend has reached the limit
   */
  public void check(String tenant) {
    Budget budget = budgetOf(tenant);
    if (budget == null) {
      return;
    }
    long now = clock.millis();
    double spent = spent(key(tenant), budget, now);
    if (spent >= budget.limit()) {
      throw new BudgetExceededException(key(tenant), budget, spent, Instant.ofEpochMilli(windowEnd(budget, now)));
    }
  }

  /**
   * Charges a finished call to its tenant's current window. Never throws for a response it cannot price: a money
   * budget charges 0 for a model without a price in the budget's currency, and logs that once.
   *
   * @param tenant the tenant id, {@code null} for none
   * @param response the finished call
   * @return the amount charged, in the budget's unit (0 when the tenant is unlimited)
   */
  public double charge(String tenant, CompletionResponse response) {
    Budget budget = budgetOf(tenant);
    if (budget == null) {
      return 0;
    }
    double amount;
    if (budget.kind() == Budget.Kind.TOKENS) {
      amount = response.usage().totalTokens();
    } else {
      RequestCost cost = prices.measure(response);
      if (!cost.currency().equals(budget.currency())) {
        if (warnedCurrency.compareAndSet(false, true)) {
          LOG.warn("model {} has no price in {} (price currency: '{}'); money budgets charge it nothing",
              response.model(), budget.currency(), cost.currency());
        }
        return 0;
      }
      amount = cost.amount();
    }
    long now = clock.millis();
    long start = windowStart(budget, now);
    windows.compute(key(tenant), (k, w) -> w == null || w.start != start ? new Window(start, amount)
        : new Window(start, w.spent + amount));
    return amount;
  }

  /**
   * Returns what a tenant spent in the current window.
   *
   * @param tenant the tenant id, {@code null} for none
   * @return tokens or money; 0 for an unlimited tenant
   */
  public double spent(String tenant) {
    Budget budget = budgetOf(tenant);
    return budget == null ? 0 : spent(key(tenant), budget, clock.millis());
  }

  private double spent(String key, Budget budget, long now) {
    Window w = windows.get(key);
    return w != null && w.start == windowStart(budget, now) ? w.spent : 0;
  }

  private static long windowStart(Budget budget, long nowMillis) {
    long len = budget.window().toMillis();
    return Math.floorDiv(nowMillis, len) * len;
  }

  private static long windowEnd(Budget budget, long nowMillis) {
    return windowStart(budget, nowMillis) + budget.window().toMillis();
  }

  private static String key(String tenant) {
    return tenant == null ? "" : tenant;
  }

  /** One tenant's spend in the window starting at {@code start} (epoch millis). Immutable. */
  private static final class Window {
    final long start;
    final double spent;

    Window(long start, double spent) {
      this.start = start;
      this.spent = spent;
    }
  }

  /**
   * Builds {@link BudgetLedger}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final Map<String, Budget> budgets = new HashMap<>();
    private Budget defaultBudget;
    private PriceTable prices = PriceTable.empty();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets one tenant's budget.
     *
     * @param tenant the tenant id (the {@code tenant.id} request attribute)
     * @param budget the budget
     * @return this builder
     */
    public Builder budget(String tenant, Budget budget) {
      budgets.put(Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(budget, "budget"));
      return this;
    }

    /**
     * Sets the budget of tenants not listed.
     *
     * @param budget the budget, or {@code null} for unlimited
     * @return this builder
     */
    public Builder defaultBudget(Budget budget) {
      this.defaultBudget = budget;
      return this;
    }

    /**
     * Sets the prices money budgets charge by.
     *
     * @param prices the price table
     * @return this builder
     */
    public Builder priceTable(PriceTable prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
      return this;
    }

    /**
     * Sets the clock that places charges in windows (for tests).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds.
     *
     * @return the ledger
     */
    public BudgetLedger build() {
      return new BudgetLedger(this);
    }
  }
}
