package io.llmops.guardrails.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmops.LlmOpsException;
import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.review.ReviewItem;
import io.llmops.review.ReviewStatus;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A review queue in a SQL database through JDBC (tested on SQLite; plain SQL-92 types, so H2 and PostgreSQL work).
 * Two tables, created if missing: {@code llmops_review_item} (one row per item, findings as JSON) and {@code
 * llmops_review_audit} (one row per submission or decision: the audit trail). A decision is a conditional update
 * ({@code WHERE status = 'PENDING'}), so two reviewers racing cannot both decide.
 *
 * <p>Thread-safe: one connection, every operation synchronised. Close it when done.
 *
 * @since 0.1.0
 */
public final class JdbcReviewQueue implements AuditedReviewQueue, AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS = "id, response_id, prompt, answer, findings, status, reviewer, edited_answer,"
      + " note, created_at, decided_at";
  private final Connection connection;
  private final Clock clock;

  private JdbcReviewQueue(Connection connection, Clock clock) {
    this.connection = connection;
    this.clock = clock;
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("CREATE TABLE IF NOT EXISTS llmops_review_item (id VARCHAR(64) PRIMARY KEY, response_id "
          + "VARCHAR(255) NOT NULL, prompt TEXT NOT NULL, answer TEXT NOT NULL, findings TEXT NOT NULL, status "
          + "VARCHAR(16) NOT NULL, reviewer VARCHAR(255) NOT NULL, edited_answer TEXT NOT NULL, note TEXT NOT NULL, "
          + "created_at BIGINT NOT NULL, decided_at BIGINT)");
      s.executeUpdate("CREATE TABLE IF NOT EXISTS llmops_review_audit (id VARCHAR(64) PRIMARY KEY, item_id "
          + "VARCHAR(64) NOT NULL, event VARCHAR(16) NOT NULL, status VARCHAR(16) NOT NULL, actor VARCHAR(255) NOT "
          + "NULL, at_millis BIGINT NOT NULL, note TEXT NOT NULL)");
      s.executeUpdate("CREATE INDEX IF NOT EXISTS llmops_review_item_status ON llmops_review_item (status, "
          + "created_at)");
    } catch (SQLException e) {
      throw new LlmOpsException("cannot create the review tables: " + e.getMessage(), e);
    }
  }

  /**
   * Opens a queue on a JDBC URL, e.g. {@code jdbc:sqlite:/var/lib/app/reviews.db}.
   *
   * @param jdbcUrl the URL (the driver must be on the class path)
   * @return the queue
   * @throws LlmOpsException if the database cannot be opened or the tables created
   */
  public static JdbcReviewQueue open(String jdbcUrl) {
    try {
      return new JdbcReviewQueue(DriverManager.getConnection(jdbcUrl), Clock.systemUTC());
    } catch (SQLException e) {
      throw new LlmOpsException("cannot open review database " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  /**
   * Uses an open connection (the queue closes it on {@link #close()}).
   *
   * @param connection the connection
   * @param clock the clock timestamps come from
   * @return the queue
   */
  public static JdbcReviewQueue on(Connection connection, Clock clock) {
    return new JdbcReviewQueue(Objects.requireNonNull(connection, "connection"), Objects.requireNonNull(clock));
  }

  @Override
  public synchronized ReviewItem submit(String responseId, String prompt, String answer, List<Finding> findings) {
    Instant now = clock.instant();
    ReviewItem item = new ReviewItem(UUID.randomUUID().toString(), responseId, prompt, answer, findings,
        ReviewStatus.PENDING, "", "", "", now, null);
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO llmops_review_item (" + COLUMNS
        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
      ps.setString(1, item.id());
      ps.setString(2, responseId);
      ps.setString(3, prompt);
      ps.setString(4, answer);
      ps.setString(5, toJson(findings));
      ps.setString(6, ReviewStatus.PENDING.name());
      ps.setString(7, "");
      ps.setString(8, "");
      ps.setString(9, "");
      ps.setLong(10, now.toEpochMilli());
      ps.executeUpdate();
      audit(item.id(), "SUBMITTED", ReviewStatus.PENDING, "system", now, "");
      return item;
    } catch (SQLException e) {
      throw new LlmOpsException("cannot store review item: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Optional<ReviewItem> get(String id) {
    List<ReviewItem> r = query("SELECT " + COLUMNS + " FROM llmops_review_item WHERE id = ?", id);
    return r.stream().findFirst();
  }

  @Override
  public synchronized List<ReviewItem> list(ReviewStatus status) {
    return query("SELECT " + COLUMNS + " FROM llmops_review_item WHERE status = ? ORDER BY created_at, id",
        status.name());
  }

  @Override
  public synchronized ReviewItem decide(String id, ReviewStatus status, String reviewer, String editedAnswer,
      String note) {
    Decisions.validate(status, reviewer, editedAnswer);
    Instant now = clock.instant();
    String n = note == null ? "" : note;
    try (PreparedStatement ps = connection.prepareStatement("UPDATE llmops_review_item SET status = ?, reviewer = ?,"
        + " edited_answer = ?, note = ?, decided_at = ? WHERE id = ? AND status = 'PENDING'")) {
      ps.setString(1, status.name());
      ps.setString(2, reviewer);
      ps.setString(3, status == ReviewStatus.EDITED ? editedAnswer : "");
      ps.setString(4, n);
      ps.setLong(5, now.toEpochMilli());
      ps.setString(6, id);
      if (ps.executeUpdate() == 0) {
        ReviewItem existing = get(id).orElseThrow(() -> new IllegalArgumentException("no review item " + id));
        throw new IllegalStateException("review item " + id + " was already decided: " + existing.status());
      }
      audit(id, "DECIDED", status, reviewer, now, n);
    } catch (SQLException e) {
      throw new LlmOpsException("cannot record review decision: " + e.getMessage(), e);
    }
    return get(id).orElseThrow();
  }

  @Override
  public synchronized List<AuditEntry> auditTrail(String itemId) {
    List<AuditEntry> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement("SELECT item_id, event, status, actor, at_millis, note "
        + "FROM llmops_review_audit WHERE item_id = ? ORDER BY at_millis, event DESC")) {
      ps.setString(1, itemId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new AuditEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6)));
        }
      }
    } catch (SQLException e) {
      throw new LlmOpsException("cannot read the audit trail: " + e.getMessage(), e);
    }
    return out;
  }

  private void audit(String itemId, String event, ReviewStatus status, String actor, Instant at, String note)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO llmops_review_audit (id, item_id, event, "
        + "status, actor, at_millis, note) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, UUID.randomUUID().toString());
      ps.setString(2, itemId);
      ps.setString(3, event);
      ps.setString(4, status.name());
      ps.setString(5, actor);
      ps.setLong(6, at.toEpochMilli());
      ps.setString(7, note);
      ps.executeUpdate();
    }
  }

  private List<ReviewItem> query(String sql, String arg) {
    List<ReviewItem> out = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long decided = rs.getLong(11);
          Instant decidedAt = rs.wasNull() ? null : Instant.ofEpochMilli(decided);
          out.add(new ReviewItem(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              fromJson(rs.getString(5)), ReviewStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8),
              rs.getString(9), Instant.ofEpochMilli(rs.getLong(10)), decidedAt));
        }
      }
    } catch (SQLException e) {
      throw new LlmOpsException("cannot read review items: " + e.getMessage(), e);
    }
    return out;
  }

  static String toJson(List<Finding> findings) {
    try {
      return JSON.writeValueAsString(findings.stream().map(f -> Map.of("type", f.type(), "start", f.start(), "end",
          f.end(), "score", f.score(), "action", f.action().name(), "detail", f.detail())).toList());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("findings are plain values", e);
    }
  }

  static List<Finding> fromJson(String json) {
    try {
      List<Map<String, Object>> raw = JSON.readValue(json, new TypeReference<>() {});
      List<Finding> out = new ArrayList<>();
      for (Map<String, Object> m : raw) {
        out.add(new Finding((String) m.get("type"), ((Number) m.get("start")).intValue(),
            ((Number) m.get("end")).intValue(), ((Number) m.get("score")).doubleValue(),
            GuardrailAction.valueOf((String) m.get("action")), (String) m.get("detail")));
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new LlmOpsException("corrupt findings in the review table: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new LlmOpsException("cannot close the review database: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "JdbcReviewQueue{}";
  }
}
