/** Sample: a customer-support bot behind guardrails (PII redaction, injection blocking, streaming rails, review). */
package io.llmops.samples.support;
