package io.llmops.guardrails.review;

import io.llmops.guardrail.Finding;
import io.llmops.review.ReviewItem;
import io.llmops.review.ReviewStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A review queue in memory, for tests and single-process applications; everything is lost on exit (use {@link
 * JdbcReviewQueue} to keep it). Thread-safe: every operation holds one lock.
 *
 * @since 0.1.0
 */
public final class InMemoryReviewQueue implements AuditedReviewQueue {
  private final Map<String, ReviewItem> items = new LinkedHashMap<>();
  private final List<AuditEntry> audit = new ArrayList<>();
  private final Clock clock;

  private InMemoryReviewQueue(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Creates an empty queue on the system clock.
   *
   * @return the queue
   */
  public static InMemoryReviewQueue create() {
    return new InMemoryReviewQueue(Clock.systemUTC());
  }

  /**
   * Creates an empty queue on a given clock.
   *
   * @param clock the clock timestamps come from
   * @return the queue
   */
  public static InMemoryReviewQueue create(Clock clock) {
    return new InMemoryReviewQueue(clock);
  }

  @Override
  public synchronized ReviewItem submit(String responseId, String prompt, String answer, List<Finding> findings) {
    Instant now = clock.instant();
    ReviewItem item = new ReviewItem(UUID.randomUUID().toString(), responseId, prompt, answer, findings,
        ReviewStatus.PENDING, "", "", "", now, null);
    items.put(item.id(), item);
    audit.add(new AuditEntry(item.id(), "SUBMITTED", ReviewStatus.PENDING.name(), "system", now, ""));
    return item;
  }

  @Override
  public synchronized Optional<ReviewItem> get(String id) {
    return Optional.ofNullable(items.get(id));
  }

  @Override
  public synchronized List<ReviewItem> list(ReviewStatus status) {
    return items.values().stream().filter(i -> i.status() == status).toList();
  }

  @Override
  public synchronized ReviewItem decide(String id, ReviewStatus status, String reviewer, String editedAnswer,
      String note) {
    Decisions.validate(status, reviewer, editedAnswer);
    ReviewItem item = items.get(id);
    if (item == null) {
      throw new IllegalArgumentException("no review item " + id);
    }
    if (item.status() != ReviewStatus.PENDING) {
      throw new IllegalStateException("review item " + id + " was already decided: " + item.status());
    }
    Instant now = clock.instant();
    ReviewItem decided = new ReviewItem(id, item.responseId(), item.prompt(), item.answer(), item.findings(), status,
        reviewer, status == ReviewStatus.EDITED ? editedAnswer : "", note == null ? "" : note, item.createdAt(), now);
    items.put(id, decided);
    audit.add(new AuditEntry(id, "DECIDED", status.name(), reviewer, now, decided.note()));
    return decided;
  }

  @Override
  public synchronized List<AuditEntry> auditTrail(String itemId) {
    return audit.stream().filter(a -> a.itemId().equals(itemId)).toList();
  }

  @Override
  public synchronized String toString() {
    return "InMemoryReviewQueue{items=" + items.size() + '}';
  }
}
