/** Entry points that the {@code llmops} CLI calls for {@code eval run|compare|report|perplexity} and {@code bias audit}. */
package io.llmops.eval.cli;
