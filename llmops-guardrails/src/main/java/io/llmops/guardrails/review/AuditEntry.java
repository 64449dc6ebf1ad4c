package io.llmops.guardrails.review;

import java.time.Instant;
import java.util.Objects;

/**
 * One event in a review item's history: queued, then approved, rejected or edited. Immutable and thread-safe.
 *
 * @param itemId the review item
 * @param event {@code SUBMITTED} or {@code DECIDED}
 * @param status the item's status after the event
 * @param actor who acted: {@code "system"} for submission, else the reviewer id
 * @param at when
 * @param note the reviewer's note, may be empty
 * @since 0.1.0
 */
public record AuditEntry(String itemId, String event, String status, String actor, Instant at, String note) {

  /**
   * Validates.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public AuditEntry {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(note, "note");
  }
}
