/**
 * Text normalisation shared by the injection and content rails. Not API: may change without notice.
 */
package io.llmops.guardrails.internal;
