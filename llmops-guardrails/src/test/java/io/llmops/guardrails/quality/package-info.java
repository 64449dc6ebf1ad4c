/** Quality measurements of the detectors on the project's labelled corpora. */
package io.llmops.guardrails.quality;
