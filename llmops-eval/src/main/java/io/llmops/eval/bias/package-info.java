/**
 * Bias and fairness audits: counterfactual log-likelihood probes over templates and demographic term pairs, BBQ-style
 * multiple-choice probes with the BBQ bias scores, and a WEAT/SEAT-style embedding association test. The term lists,
 * templates and BBQ items are our own, in this package's resources.
 */
package io.llmops.eval.bias;
