package io.llmops.spi;

import java.util.Objects;

/**
 * What discovery learned about one provider (for {@code llmops runtimes} and for the no-runtime error). Immutable and
 * thread-safe.
 *
 * @param name the runtime's name, or the provider class name when the provider could not even be created
 * @param priority its priority, {@link Integer#MIN_VALUE} when unknown
 * @param available whether it can run here
 * @param reason why not, or what it found
 * @param providerClass the provider's class name, or the service line that failed
 * @since 0.1.0
 */
public record RuntimeStatus(String name, int priority, boolean available, String reason, String providerClass) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public RuntimeStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(providerClass, "providerClass");
  }

  @Override
  public String toString() {
    return name + " (priority " + (priority == Integer.MIN_VALUE ? "?" : priority) + ", "
        + (available ? "available" : "unavailable") + ": " + reason + ") [" + providerClass + "]";
  }
}
