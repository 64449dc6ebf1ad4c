package io.llmops;

import io.llmops.spi.RuntimeStatus;
import java.util.List;

/**
 * No runtime can serve the request: none was found, none is available on this machine, or the one forced with
 * {@code -Dllmops.runtime} is missing or unavailable. The message and {@link #providers()} list every provider
 * discovery found and why it was rejected.
 *
 * @since 0.1.0
 */
public class RuntimeUnavailableException extends LlmOpsException {
  private static final long serialVersionUID = 1L;

  private final transient List<RuntimeStatus> providers;

  /**
   * Creates the exception.
   *
   * @param reason the overall reason
   * @param providers what discovery found
   */
  public RuntimeUnavailableException(String reason, List<RuntimeStatus> providers) {
    super(describe(reason, providers));
    this.providers = List.copyOf(providers);
  }

  /**
   * Returns every provider discovery found, with its availability and reason.
   *
   * @return an immutable list, highest priority first
   */
  public List<RuntimeStatus> providers() {
    return providers;
  }

  private static String describe(String reason, List<RuntimeStatus> providers) {
    StringBuilder sb = new StringBuilder(reason);
    sb.append(providers.isEmpty() ? "\nproviders found: none" : "\nproviders found:");
    for (RuntimeStatus s : providers) {
      sb.append("\n  - ").append(s);
    }
    return sb.toString();
  }
}
