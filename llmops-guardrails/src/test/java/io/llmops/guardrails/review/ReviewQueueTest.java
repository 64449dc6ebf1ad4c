package io.llmops.guardrails.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.review.ReviewItem;
import io.llmops.review.ReviewStatus;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReviewQueueTest {
  @TempDir
  static Path dir;

  /** A clock that advances one second per reading, so timestamps are distinct and predictable. */
  static final class SteppingClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public synchronized Instant instant() {
      now = now.plus(Duration.ofSeconds(1));
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  static Stream<AuditedReviewQueue> queues() throws Exception {
    return Stream.of(InMemoryReviewQueue.create(new SteppingClock()), JdbcReviewQueue.on(
        DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("reviews-" + System.nanoTime() + ".db")),
        new SteppingClock()));
  }

  private static final List<Finding> FINDINGS =
      List.of(new Finding("REFUSAL", -1, -1, 0.9, GuardrailAction.REVIEW, "refusal_phrase"));

  @ParameterizedTest
  @MethodSource("queues")
  void submitDecideAuditAndExport(AuditedReviewQueue q) throws Exception {
    ReviewItem a = q.submit("r1", "What is the refund window?", "30 days.", FINDINGS);
    ReviewItem b = q.submit("r2", "Cancel my order <EMAIL_1>", "I can't help.", FINDINGS);
    ReviewItem c = q.submit("r3", "Shipping to Spain?", "Yes, 5 days.", FINDINGS);
    assertThat(q.list(ReviewStatus.PENDING)).extracting(ReviewItem::id).containsExactly(a.id(), b.id(), c.id());
    assertThat(q.get(a.id()).orElseThrow().findings()).isEqualTo(FINDINGS);

    ReviewItem approved = q.decide(a.id(), ReviewStatus.APPROVED, "alice", "", "correct");
    q.decide(b.id(), ReviewStatus.REJECTED, "bob", "", "should have helped");
    ReviewItem edited = q.decide(c.id(), ReviewStatus.EDITED, "alice", "Yes, within 3-5 business days.", "");
    assertThat(approved.reviewer()).isEqualTo("alice");
    assertThat(approved.decidedAt()).isAfter(approved.createdAt());
    assertThat(edited.finalAnswer()).isEqualTo("Yes, within 3-5 business days.");
    assertThat(q.list(ReviewStatus.PENDING)).isEmpty();

    assertThatThrownBy(() -> q.decide(a.id(), ReviewStatus.REJECTED, "eve", "", ""))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> q.decide("nope", ReviewStatus.APPROVED, "eve", "", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> q.decide(a.id(), ReviewStatus.PENDING, "eve", "", ""))
        .isInstanceOf(IllegalArgumentException.class);

    assertThat(q.auditTrail(a.id())).extracting(AuditEntry::event, AuditEntry::status, AuditEntry::actor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("SUBMITTED", "PENDING", "system"),
            org.assertj.core.groups.Tuple.tuple("DECIDED", "APPROVED", "alice"));

    StringWriter w = new StringWriter();
    assertThat(ReviewExport.toJsonl(q, w)).isEqualTo(3);
    List<JsonNode> lines = w.toString().lines().map(l -> {
      try {
        return new ObjectMapper().readTree(l);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }).toList();
    assertThat(lines.get(0).get("input").asText()).isEqualTo("What is the refund window?");
    assertThat(lines.get(0).get("expected").asText()).isEqualTo("30 days.");
    assertThat(lines.get(1).get("expected").asText()).isEmpty();
    assertThat(lines.get(1).get("metadata").get("rejected_answer").asText()).isEqualTo("I can't help.");
    assertThat(lines.get(2).get("expected").asText()).isEqualTo("Yes, within 3-5 business days.");
    assertThat(lines.get(2).get("metadata").get("reviewer").asText()).isEqualTo("alice");
    if (q instanceof AutoCloseable) {
      ((AutoCloseable) q).close();
    }
  }
}
