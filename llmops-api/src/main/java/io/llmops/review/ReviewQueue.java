package io.llmops.review;

import io.llmops.guardrail.Finding;
import java.util.List;
import java.util.Optional;

/**
 * A queue of flagged exchanges for human review. Implementations are thread-safe; every decision is recorded with the
 * reviewer and a timestamp. {@link #noop()} drops everything, for applications without oversight.
 *
 * @since 0.1.0
 */
public interface ReviewQueue {

  /**
   * Queues an exchange.
   *
   * @param responseId the model response's id
   * @param prompt the prompt (redact it first if it holds personal data)
   * @param answer the model's answer
   * @param findings why it was flagged
   * @return the queued item, status {@link ReviewStatus#PENDING}
   */
  ReviewItem submit(String responseId, String prompt, String answer, List<Finding> findings);

  /**
   * Returns an item.
   *
   * @param id the item id
   * @return the item, or empty if unknown
   */
  Optional<ReviewItem> get(String id);

  /**
   * Returns items in a status, oldest first.
   *
   * @param status the status
   * @return a snapshot list
   */
  List<ReviewItem> list(ReviewStatus status);

  /**
   * Records a decision on a pending item.
   *
   * @param id the item id
   * @param status {@link ReviewStatus#APPROVED}, {@link ReviewStatus#REJECTED} or {@link ReviewStatus#EDITED}
   * @param reviewer who decides
   * @param editedAnswer the replacement answer for {@link ReviewStatus#EDITED}, else ignored
   * @param note an optional note, may be empty
   * @return the decided item
   * @throws IllegalArgumentException if the id is unknown or the status is {@link ReviewStatus#PENDING}
   * @throws IllegalStateException if the item was already decided
   */
  ReviewItem decide(String id, ReviewStatus status, String reviewer, String editedAnswer, String note);

  /**
   * Returns a queue that accepts and forgets everything.
   *
   * @return the no-op queue
   */
  static ReviewQueue noop() {
    return NoopReviewQueue.INSTANCE;
  }
}
