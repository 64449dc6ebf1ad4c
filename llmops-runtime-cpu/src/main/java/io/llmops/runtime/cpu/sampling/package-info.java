/**
 * Token sampling: {@link io.llmops.runtime.cpu.sampling.Sampler} (logit bias, penalties, top-k, top-p, min-p,
 * temperature, seeded draws) and {@link io.llmops.runtime.cpu.sampling.Logprobs} (log-softmax of raw logits).
 */
package io.llmops.runtime.cpu.sampling;
