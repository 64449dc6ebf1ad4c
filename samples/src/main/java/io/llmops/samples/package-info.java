/**
 * Runnable samples for integrators.
 */
package io.llmops.samples;
