/**
 * JMH benchmarks: kernels per tensor type, end-to-end prefill and decode against a memory-bandwidth roofline measured in the same run, guardrail and telemetry overhead.
 */
package io.llmops.benchmarks;
