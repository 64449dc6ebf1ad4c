/** Implementation details shared by {@code io.llmops.telemetry} and {@code io.llmops.telemetry.export}; not API. */
package io.llmops.telemetry.internal;
