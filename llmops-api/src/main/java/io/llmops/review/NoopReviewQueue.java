package io.llmops.review;

import io.llmops.guardrail.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The queue behind {@link ReviewQueue#noop()}: remembers nothing. */
final class NoopReviewQueue implements ReviewQueue {
  static final NoopReviewQueue INSTANCE = new NoopReviewQueue();

  private NoopReviewQueue() {}

  @Override
  public ReviewItem submit(String responseId, String prompt, String answer, List<Finding> findings) {
    return new ReviewItem("noop", responseId, prompt, answer, findings, ReviewStatus.PENDING, "", "", "",
        Instant.now(), null);
  }

  @Override
  public Optional<ReviewItem> get(String id) {
    return Optional.empty();
  }

  @Override
  public List<ReviewItem> list(ReviewStatus status) {
    return List.of();
  }

  @Override
  public ReviewItem decide(String id, ReviewStatus status, String reviewer, String editedAnswer, String note) {
    throw new IllegalArgumentException("the no-op review queue holds no item " + id);
  }
}
