/**
 * Evaluation for llmops-java: JSONL datasets ({@code dataset}), a parallel, resumable runner ({@code run}), a JDBC run
 * store ({@code store}), metrics ({@code metrics}), language-model metrics such as llama.cpp-style perplexity
 * ({@code lm}), statistics ({@code stats}), run comparison and regression gates ({@code compare}), bias audits
 * ({@code bias}), JSON and HTML reports ({@code report}) and the entry points the CLI calls ({@code cli}).
 */
package io.llmops.eval;
