package io.llmops.guardrails.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.guardrail.Finding;
import io.llmops.review.ReviewItem;
import io.llmops.review.ReviewQueue;
import io.llmops.review.ReviewStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns reviewed exchanges into evaluation data: one JSON line per decided item, {@code {"input": prompt,
 * "expected": answer, "metadata": {...}}}. Approved items expect the model's answer, edited ones the reviewer's;
 * rejected ones have an empty {@code expected} and carry the rejected answer in {@code metadata.rejected_answer}
 * (a negative example). Metadata holds the review id, status, reviewer, decision time and finding types. Stateless.
 *
 * @since 0.1.0
 */
public final class ReviewExport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReviewExport() {}

  /**
   * Writes every decided item of a queue, oldest decision first.
   *
   * @param queue the queue
   * @param out where the JSON lines go (not closed)
   * @return the number of lines written
   * @throws UncheckedIOException if writing fails
   */
  public static int toJsonl(ReviewQueue queue, Writer out) {
    List<ReviewItem> items = new ArrayList<>();
    items.addAll(queue.list(ReviewStatus.APPROVED));
    items.addAll(queue.list(ReviewStatus.EDITED));
    items.addAll(queue.list(ReviewStatus.REJECTED));
    items.sort(Comparator.comparing(ReviewItem::decidedAt).thenComparing(ReviewItem::id));
    try {
      for (ReviewItem i : items) {
        out.write(line(i));
        out.write('\n');
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write evaluation data", e);
    }
    return items.size();
  }

  static String line(ReviewItem i) {
    ObjectNode n = JSON.createObjectNode();
    n.put("input", i.prompt());
    n.put("expected", i.status() == ReviewStatus.REJECTED ? "" : i.finalAnswer());
    ObjectNode m = n.putObject("metadata");
    m.put("review_id", i.id());
    m.put("response_id", i.responseId());
    m.put("status", i.status().name());
    m.put("reviewer", i.reviewer());
    m.put("decided_at", String.valueOf(i.decidedAt()));
    if (!i.note().isEmpty()) {
      m.put("note", i.note());
    }
    if (i.status() == ReviewStatus.REJECTED) {
      m.put("rejected_answer", i.answer());
    }
    var types = m.putArray("findings");
    i.findings().stream().map(Finding::type).distinct().forEach(types::add);
    return n.toString();
  }
}
