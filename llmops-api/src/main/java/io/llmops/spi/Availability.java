package io.llmops.spi;

import java.util.Objects;

/**
 * Whether a runtime can run on this machine, and why not. Immutable and thread-safe.
 *
 * @param available whether it can load models here
 * @param reason why it cannot (e.g. {@code "no CUDA driver (libcuda.so.1 not found)"}), or a short note on what it
 *     found when available (e.g. {@code "Vector API 512-bit"})
 * @since 0.1.0
 */
public record Availability(boolean available, String reason) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if {@code reason} is {@code null}
   */
  public Availability {
    Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates an available result.
   *
   * @param note what was found
   * @return the availability
   */
  public static Availability available(String note) {
    return new Availability(true, note);
  }

  /**
   * Creates an unavailable result.
   *
   * @param reason why not
   * @return the availability
   */
  public static Availability unavailable(String reason) {
    return new Availability(false, reason);
  }
}
