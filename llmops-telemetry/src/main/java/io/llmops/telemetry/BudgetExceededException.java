package io.llmops.telemetry;

import io.llmops.ResourceExhaustedException;
import java.time.Instant;

/**
 * A tenant's {@link Budget} for the current window is spent; the request was rejected before inference started.
 * Callers may retry after {@link #resetsAt()}. Immutable.
 *
 * @since 0.1.0
 */
public final class BudgetExceededException extends ResourceExhaustedException {
  private static final long serialVersionUID = 1L;

  private final String tenant;
  private final transient Budget budget;
  private final double spent;
  private final Instant resetsAt;

  BudgetExceededException(String tenant, Budget budget, double spent, Instant resetsAt) {
    super("tenant '" + tenant + "' has spent " + format(spent) + " of its " + format(budget.limit()) + " "
        + budget.unit() + " per " + budget.window() + "; the budget resets at " + resetsAt);
    this.tenant = tenant;
    this.budget = budget;
    this.spent = spent;
    this.resetsAt = resetsAt;
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * Returns the tenant whose budget is spent.
   *
   * @return the tenant id ({@code ""} for requests without one)
   */
  public String tenant() {
    return tenant;
  }

  /**
   * Returns the budget.
   *
   * @return the budget, {@code null} after deserialization
   */
  public Budget budget() {
    return budget;
  }

  /**
   * Returns what was spent in the current window.
   *
   * @return tokens or money, in the budget's unit
   */
  public double spent() {
    return spent;
  }

  /**
   * Returns when the current window ends.
   *
   * @return the instant
   */
  public Instant resetsAt() {
    return resetsAt;
  }
}
