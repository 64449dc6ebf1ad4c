package io.llmops.review;

import io.llmops.guardrail.Finding;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One exchange awaiting or having had human review. Immutable and thread-safe; a decision yields a new item.
 *
 * @param id the queue's id for the item
 * @param responseId the id of the model response under review
 * @param prompt the (possibly redacted) prompt
 * @param answer the model's answer
 * @param findings why it was flagged
 * @param status where it stands
 * @param reviewer who decided, empty while pending
 * @param editedAnswer the reviewer's replacement for {@link ReviewStatus#EDITED}, else empty
 * @param note the reviewer's note, may be empty
 * @param createdAt when it was queued
 * @param decidedAt when it was decided, {@code null} while pending
 * @since 0.1.0
 */
public record ReviewItem(String id, String responseId, String prompt, String answer, List<Finding> findings,
    ReviewStatus status, String reviewer, String editedAnswer, String note, Instant createdAt, Instant decidedAt) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a non-nullable component is {@code null}
   */
  public ReviewItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(responseId, "responseId");
    Objects.requireNonNull(prompt, "prompt");
    Objects.requireNonNull(answer, "answer");
    findings = List.copyOf(findings);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reviewer, "reviewer");
    Objects.requireNonNull(editedAnswer, "editedAnswer");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * Returns the answer as it stands after review: the edited one if edited, else the original.
   *
   * @return the final answer
   */
  public String finalAnswer() {
    return status == ReviewStatus.EDITED ? editedAnswer : answer;
  }

  @Override
  public String toString() {
    return "ReviewItem{" + id + ", response=" + responseId + ", " + status + ", findings=" + findings.size() + '}';
  }
}
