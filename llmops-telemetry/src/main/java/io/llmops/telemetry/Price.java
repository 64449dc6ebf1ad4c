package io.llmops.telemetry;

import java.util.Objects;

/**
 * What one model costs: per 1,000 tokens (how remote APIs bill), per CPU-hour and per GPU-hour (how local inference
 * costs, from the machine's hourly price). Components add up, so a price may mix them; unused ones are 0. Immutable
 * and thread-safe.
 *
 * @param currency an ISO 4217 code such as {@code "USD"}, or any unit the operator chooses (e.g. {@code "credits"})
 * @param inputPer1kTokens price of 1,000 input tokens
 * @param outputPer1kTokens price of 1,000 output tokens
 * @param perCpuHour price of one hour of CPU time (one core busy for an hour), charged on {@code
 *     GenerationStats.cpuNanos()}
 * @param perGpuHour price of one hour of one GPU, charged on the request's wall time divided by its batch size
 * @since 0.1.0
 */
public record Price(String currency, double inputPer1kTokens, double outputPer1kTokens, double perCpuHour,
    double perGpuHour) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code currency} is {@code null}
   * @throws IllegalArgumentException if the currency is blank or a price is negative or not finite
   */
  public Price {
    Objects.requireNonNull(currency, "currency");
    if (currency.isBlank()) {
      throw new IllegalArgumentException("currency must not be blank");
    }
    check(inputPer1kTokens, "inputPer1kTokens");
    check(outputPer1kTokens, "outputPer1kTokens");
    check(perCpuHour, "perCpuHour");
    check(perGpuHour, "perGpuHour");
  }

  /**
   * Returns a token-billed price, as remote APIs charge.
   *
   * @param currency the currency
   * @param inputPer1kTokens price of 1,000 input tokens
   * @param outputPer1kTokens price of 1,000 output tokens
   * @return the price
   */
  public static Price perTokens(String currency, double inputPer1kTokens, double outputPer1kTokens) {
    return new Price(currency, inputPer1kTokens, outputPer1kTokens, 0, 0);
  }

  /**
   * Returns a CPU-time price, for local inference on CPUs.
   *
   * @param currency the currency
   * @param perCpuHour price of one CPU-hour
   * @return the price
   */
  public static Price perCpuHour(String currency, double perCpuHour) {
    return new Price(currency, 0, 0, perCpuHour, 0);
  }

  /**
   * Returns a GPU-time price, for local inference on GPUs.
   *
   * @param currency the currency
   * @param perGpuHour price of one GPU-hour
   * @return the price
   */
  public static Price perGpuHour(String currency, double perGpuHour) {
    return new Price(currency, 0, 0, 0, perGpuHour);
  }

  private static void check(double value, String name) {
    if (!(value >= 0 && Double.isFinite(value))) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite: " + value);
    }
  }
}
