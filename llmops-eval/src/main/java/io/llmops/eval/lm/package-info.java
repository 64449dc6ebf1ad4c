/**
 * Language-model metrics on any {@link io.llmops.model.LogprobModel}: llama.cpp-style perplexity, rolling
 * log-likelihood and bits per byte, multiple-choice accuracy as lm-evaluation-harness defines it, and a quantization
 * check that compares two models' next-token distributions.
 */
package io.llmops.eval.lm;
