/**
 * The {@code llmops} command line: runtimes, generate, chat, inspect, tokenize, pull, guard, eval.
 */
package io.llmops.cli;
