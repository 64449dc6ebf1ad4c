/**
 * Contract tests every runtime and model decorator extends: {@code ChatModelContractTest} checks the behaviour the API promises (streaming equals blocking, greedy determinism, seeds, max tokens, stop sequences, cancellation, errors) against a real model.
 */
package io.llmops.testing;
