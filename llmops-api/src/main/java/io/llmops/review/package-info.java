/**
 * Human oversight: a {@link io.llmops.review.ReviewQueue} holds exchanges a guardrail flagged, for a person to
 * approve, reject or edit, with an audit trail. Implementations (in-memory, JDBC) live in {@code llmops-guardrails}.
 */
package io.llmops.review;
