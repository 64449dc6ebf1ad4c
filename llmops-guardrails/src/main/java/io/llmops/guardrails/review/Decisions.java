package io.llmops.guardrails.review;

import io.llmops.review.ReviewStatus;

/** Validation shared by the review queues. */
final class Decisions {
  private Decisions() {}

  static void validate(ReviewStatus status, String reviewer, String editedAnswer) {
    if (status == null || status == ReviewStatus.PENDING) {
      throw new IllegalArgumentException("a decision must be APPROVED, REJECTED or EDITED, not " + status);
    }
    if (reviewer == null || reviewer.isBlank()) {
      throw new IllegalArgumentException("a decision needs a reviewer id");
    }
    if (status == ReviewStatus.EDITED && (editedAnswer == null || editedAnswer.isBlank())) {
      throw new IllegalArgumentException("an EDITED decision needs the edited answer");
    }
  }
}
