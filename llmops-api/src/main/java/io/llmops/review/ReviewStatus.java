package io.llmops.review;

/**
 * Where a review item stands.
 *
 * @since 0.1.0
 */
public enum ReviewStatus {
  /** Waiting for a reviewer. */
  PENDING,
  /** A reviewer accepted the answer as it is. */
  APPROVED,
  /** A reviewer rejected the answer. */
  REJECTED,
  /** A reviewer replaced the answer with an edited one. */
  EDITED
}
