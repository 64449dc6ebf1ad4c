/** Sample: evaluating stories260K on a story-completion set and auditing it for bias, with an HTML report. */
package io.llmops.samples.eval;
