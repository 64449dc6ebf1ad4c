/** Seeded resampling statistics: paired bootstrap intervals, permutation tests and effect sizes. */
package io.llmops.eval.stats;
