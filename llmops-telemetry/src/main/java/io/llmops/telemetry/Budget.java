package io.llmops.telemetry;

import java.time.Duration;
import java.util.Objects;

/**
 * A limit on what one tenant (or API key) may consume per fixed time window: tokens (input plus output) or money
 * (measured cost under a {@link PriceTable}). Windows are aligned to the epoch ({@code [k * window, (k + 1) *
 * window)}), so a daily budget resets at midnight UTC. Immutable and thread-safe.
 *
 * @param kind what is counted
 * @param limit the most that may be consumed per window
 * @param currency the currency of a money budget; empty for a token budget
 * @param window the window length
 * @since 0.1.0
 */
public record Budget(Kind kind, double limit, String currency, Duration window) {

  /** What a budget counts. */
  public enum Kind {
    /** Input plus output tokens. */
    TOKENS,
    /** Measured cost in one currency. */
    MONEY
  }

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is {@code null}
   * @throws IllegalArgumentException if the limit is negative, the window is not positive, or the currency does not
   *     fit the kind
   */
  public Budget {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(window, "window");
    if (!(limit >= 0 && Double.isFinite(limit))) {
      throw new IllegalArgumentException("budget limit must be >= 0 and finite: " + limit);
    }
    if (window.isNegative() || window.isZero() || window.toMillis() == 0) {
      throw new IllegalArgumentException("budget window must be at least 1 ms: " + window);
    }
    if ((kind == Kind.MONEY) == currency.isBlank()) {
      throw new IllegalArgumentException(kind == Kind.MONEY ? "a money budget needs a currency"
          : "a token budget has no currency: " + currency);
    }
  }

  /**
   * Returns a token budget.
   *
   * @param limit tokens per window
   * @param window the window
   * @return the budget
   */
  public static Budget tokens(long limit, Duration window) {
    return new Budget(Kind.TOKENS, limit, "", window);
  }

  /**
   * Returns a money budget.
   *
   * @param limit amount per window
   * @param currency the currency, as in the {@link PriceTable}
   * @param window the window
   * @return the budget
   */
  public static Budget money(double limit, String currency, Duration window) {
    return new Budget(Kind.MONEY, limit, currency, window);
  }

  /**
   * Returns the unit the limit is in, for messages.
   *
   * @return {@code "tokens"} or the currency
   */
  public String unit() {
    return kind == Kind.TOKENS ? "tokens" : currency;
  }
}
