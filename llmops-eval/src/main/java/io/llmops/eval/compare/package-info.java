/** Comparing two runs case by case, and regression gates for tests and the CLI. */
package io.llmops.eval.compare;
