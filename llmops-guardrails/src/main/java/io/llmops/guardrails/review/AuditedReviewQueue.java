package io.llmops.guardrails.review;

import io.llmops.review.ReviewQueue;
import java.util.List;

/**
 * A {@link ReviewQueue} that keeps an audit trail of every submission and decision.
 *
 * @since 0.1.0
 */
public interface AuditedReviewQueue extends ReviewQueue {

  /**
   * Returns an item's history, oldest first.
   *
   * @param itemId the item
   * @return the events; empty if the id is unknown
   */
  List<AuditEntry> auditTrail(String itemId);
}
