/**
 * Human feedback on model responses: a {@link io.llmops.feedback.Feedback} record tied to a response id, and a {@link
 * io.llmops.feedback.FeedbackSink} that stores it (the feedback loop of prompt and model registries).
 */
package io.llmops.feedback;
