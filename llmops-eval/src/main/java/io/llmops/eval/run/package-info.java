/** The evaluation runner: parallel, seeded, resumable and cancellable, with console progress. */
package io.llmops.eval.run;
