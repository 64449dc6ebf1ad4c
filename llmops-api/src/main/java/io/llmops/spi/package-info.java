/**
 * The runtime service-provider interface. A runtime jar registers a {@link io.llmops.spi.RuntimeProvider} in {@code
 * META-INF/services/io.llmops.spi.RuntimeProvider}; {@link io.llmops.spi.RuntimeDiscovery} finds every provider,
 * guards each on its own, asks it to {@link io.llmops.spi.RuntimeProvider#probe() probe} the machine, and picks the
 * available one with the highest priority (or the one named by {@code -Dllmops.runtime}).
 */
package io.llmops.spi;
