/**
 * The run store: runs, per-case outputs, scores, timings and costs in a relational database through plain JDBC. An
 * SQLite file is the embedded default; the same portable SQL works on PostgreSQL by URL.
 */
package io.llmops.eval.store;
