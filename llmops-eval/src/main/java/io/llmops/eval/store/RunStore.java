package io.llmops.eval.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmops.InvalidRequestException;
import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.Score;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps evaluation runs in a relational database through plain JDBC: one row per run, one per finished case, one per
 * score. Each case is written in its own transaction, so a process killed mid-run loses at most the cases in flight,
 * and a resumed run skips every case already committed.
 *
 * <p><b>Databases.</b> {@link #sqlite(Path)} opens an embedded SQLite file in WAL mode (readers never block the
 * writer; with {@code synchronous=NORMAL} a committed transaction survives a killed process, and only a power loss
 * may roll back the last commits). {@link #open(String, String, String)} takes any JDBC URL: the schema uses only
 * portable SQL ({@code TEXT}, {@code BIGINT}, {@code INTEGER}, {@code DOUBLE PRECISION}, {@code CREATE TABLE IF NOT
 * EXISTS}, composite primary keys, delete-then-insert instead of dialect-specific upserts), so the same code works on
 * PostgreSQL with {@code jdbc:postgresql://host/db} once its driver is on the class path. CI tests SQLite only.
 *
 * <p>Thread-safe: one connection, methods synchronized (SQLite has a single writer anyway). Close it when done.
 *
 * @since 0.1.0
 */
public final class RunStore implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private static final String[] SCHEMA = {
      "CREATE TABLE IF NOT EXISTS eval_run (run_id TEXT PRIMARY KEY, dataset_name TEXT NOT NULL,"
          + " dataset_version TEXT NOT NULL, model_name TEXT NOT NULL, model_sha256 TEXT NOT NULL,"
          + " quantization TEXT NOT NULL, runtime TEXT NOT NULL, prompt_version TEXT NOT NULL,"
          + " parameters TEXT NOT NULL, seed BIGINT NOT NULL, status TEXT NOT NULL, started_at BIGINT NOT NULL,"
          + " finished_at BIGINT)",
      "CREATE TABLE IF NOT EXISTS eval_case (run_id TEXT NOT NULL, case_id TEXT NOT NULL, case_index INTEGER NOT NULL,"
          + " seed BIGINT NOT NULL, output TEXT, error TEXT, latency_nanos BIGINT NOT NULL,"
          + " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost DOUBLE PRECISION NOT NULL,"
          + " finished_at BIGINT NOT NULL, PRIMARY KEY (run_id, case_id))",
      "CREATE TABLE IF NOT EXISTS eval_score (run_id TEXT NOT NULL, case_id TEXT NOT NULL, metric TEXT NOT NULL,"
          + " score_value DOUBLE PRECISION NOT NULL, passed INTEGER NOT NULL, reason TEXT NOT NULL,"
          + " PRIMARY KEY (run_id, case_id, metric))"
  };

  private final String url;
  private final Connection connection;

  private RunStore(String url, Connection connection) {
    this.url = url;
    this.connection = connection;
  }

  /**
   * Opens (creating if needed) an SQLite store in WAL mode.
   *
   * @param file the database file
   * @return the store
   * @throws RunStoreException if the database cannot be opened
   */
  public static RunStore sqlite(Path file) {
    return open("jdbc:sqlite:" + file.toAbsolutePath(), null, null);
  }

  /**
   * Opens a store at any JDBC URL and creates the tables if absent.
   *
   * @param jdbcUrl e.g. {@code jdbc:sqlite:/tmp/runs.db} or {@code jdbc:postgresql://localhost/evals}
   * @param user the user, {@code null} for none
   * @param password the password, {@code null} for none
   * @return the store
   * @throws RunStoreException if the database cannot be opened or the schema created
   */
  public static RunStore open(String jdbcUrl, String user, String password) {
    try {
      Connection c = user == null ? DriverManager.getConnection(jdbcUrl)
          : DriverManager.getConnection(jdbcUrl, user, password);
      try (Statement s = c.createStatement()) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
          // WAL: per-case commits are cheap and survive a killed process; busy_timeout lets a second
          // process (e.g. a report reader) wait instead of failing.
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL");
          s.execute("PRAGMA busy_timeout=5000");
        }
        for (String ddl : SCHEMA) {
          s.execute(ddl);
        }
      }
      c.setAutoCommit(false);
      c.commit();
      return new RunStore(jdbcUrl, c);
    } catch (SQLException e) {
      throw new RunStoreException("cannot open run store " + jdbcUrl + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the JDBC URL.
   *
   * @return the URL
   */
  public String url() {
    return url;
  }

  /**
   * Records a run's start, or checks that an existing run with this id is the same run (same dataset version, model
   * file and seed) so that it can be resumed.
   *
   * @param info the run
   * @throws InvalidRequestException if a different run already has this id
   * @throws RunStoreException if the database fails
   */
  public synchronized void startRun(RunInfo info) {
    Optional<RunInfo> existing = runInfo(info.runId());
    if (existing.isPresent()) {
      RunInfo e = existing.get();
      InvalidRequestException.check(e.datasetVersion().equals(info.datasetVersion()),
          "run " + info.runId() + " was started on dataset version " + e.datasetVersion().substring(0, 12)
              + ", not " + info.datasetVersion().substring(0, 12) + ": use a new run id");
      InvalidRequestException.check(e.model().fileSha256().equals(info.model().fileSha256()) && e.seed() == info.seed(),
          "run " + info.runId() + " was started with another model file or seed: use a new run id");
      update("UPDATE eval_run SET status = ? WHERE run_id = ?", "running", info.runId());
      return;
    }
    String sql = "INSERT INTO eval_run (run_id, dataset_name, dataset_version, model_name, model_sha256, quantization,"
        + " runtime, prompt_version, parameters, seed, status, started_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      p.setString(1, info.runId());
      p.setString(2, info.datasetName());
      p.setString(3, info.datasetVersion());
      p.setString(4, info.model().name());
      p.setString(5, info.model().fileSha256());
      p.setString(6, info.model().quantization());
      p.setString(7, info.model().runtime());
      p.setString(8, info.promptVersion());
      p.setString(9, JSON.writeValueAsString(info.parameters()));
      p.setLong(10, info.seed());
      p.setString(11, "running");
      p.setLong(12, info.startedAtMillis());
      p.executeUpdate();
      connection.commit();
    } catch (SQLException | JsonProcessingException e) {
      throw fail("start run " + info.runId(), e);
    }
  }

  /**
   * Writes one finished case, its scores included, in one transaction. Writing a case again replaces it.
   *
   * @param runId the run, already started
   * @param record the case
   * @throws RunStoreException if the database fails (nothing of the case is then written)
   */
  public synchronized void saveCase(String runId, CaseRecord record) {
    CaseResult r = record.result();
    try {
      try (PreparedStatement del = connection.prepareStatement(
          "DELETE FROM eval_score WHERE run_id = ? AND case_id = ?")) {
        del.setString(1, runId);
        del.setString(2, r.caseId());
        del.executeUpdate();
      }
      try (PreparedStatement del = connection.prepareStatement(
          "DELETE FROM eval_case WHERE run_id = ? AND case_id = ?")) {
        del.setString(1, runId);
        del.setString(2, r.caseId());
        del.executeUpdate();
      }
      try (PreparedStatement p = connection.prepareStatement("INSERT INTO eval_case (run_id, case_id, case_index,"
          + " seed, output, error, latency_nanos, input_tokens, output_tokens, cost, finished_at)"
          + " VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
        p.setString(1, runId);
        p.setString(2, r.caseId());
        p.setInt(3, record.index());
        p.setLong(4, record.seed());
        p.setString(5, r.output() == null ? null : r.output().text());
        p.setString(6, r.error());
        p.setLong(7, record.latencyNanos());
        p.setInt(8, record.inputTokens());
        p.setInt(9, record.outputTokens());
        p.setDouble(10, record.cost());
        p.setLong(11, record.finishedAtMillis());
        p.executeUpdate();
      }
      try (PreparedStatement p = connection.prepareStatement("INSERT INTO eval_score (run_id, case_id, metric,"
          + " score_value, passed, reason) VALUES (?,?,?,?,?,?)")) {
        for (Score s : r.scores()) {
          p.setString(1, runId);
          p.setString(2, r.caseId());
          p.setString(3, s.metric());
          p.setDouble(4, s.value());
          p.setInt(5, s.passed() ? 1 : 0);
          p.setString(6, s.reason());
          p.addBatch();
        }
        p.executeBatch();
      }
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw fail("save case " + r.caseId() + " of run " + runId, e);
    }
  }

  /**
   * Marks a run finished or cancelled.
   *
   * @param runId the run
   * @param status {@code "finished"} or {@code "cancelled"}
   * @throws RunStoreException if the database fails
   */
  public synchronized void finishRun(String runId, String status) {
    update("UPDATE eval_run SET status = ?, finished_at = ? WHERE run_id = ?", status, System.currentTimeMillis(),
        runId);
  }

  /**
   * Returns a run's description.
   *
   * @param runId the run
   * @return the info, empty if no such run
   * @throws RunStoreException if the database fails
   */
  public synchronized Optional<RunInfo> runInfo(String runId) {
    try (PreparedStatement p = connection.prepareStatement("SELECT * FROM eval_run WHERE run_id = ?")) {
      p.setString(1, runId);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        ModelIdentity model = new ModelIdentity(rs.getString("model_name"), rs.getString("model_sha256"),
            rs.getString("quantization"), rs.getString("runtime"));
        return Optional.of(new RunInfo(rs.getString("run_id"), rs.getString("dataset_name"),
            rs.getString("dataset_version"), model, rs.getString("prompt_version"),
            JSON.readValue(rs.getString("parameters"), STRING_MAP), rs.getLong("seed"), rs.getLong("started_at")));
      }
    } catch (SQLException | JsonProcessingException e) {
      throw fail("read run " + runId, e);
    }
  }

  /**
   * Reads a whole run back.
   *
   * @param runId the run
   * @return the run, empty if absent
   * @throws RunStoreException if the database fails
   */
  public synchronized Optional<StoredRun> load(String runId) {
    Optional<RunInfo> info = runInfo(runId);
    if (info.isEmpty()) {
      return Optional.empty();
    }
    try {
      String status;
      try (PreparedStatement p = connection.prepareStatement("SELECT status FROM eval_run WHERE run_id = ?")) {
        p.setString(1, runId);
        try (ResultSet rs = p.executeQuery()) {
          rs.next();
          status = rs.getString(1);
        }
      }
      Map<String, List<Score>> scores = new HashMap<>();
      try (PreparedStatement p = connection.prepareStatement(
          "SELECT case_id, metric, score_value, passed, reason FROM eval_score WHERE run_id = ? ORDER BY metric")) {
        p.setString(1, runId);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            scores.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(new Score(rs.getString(2), rs.getDouble(3), rs.getInt(4) != 0, rs.getString(5)));
          }
        }
      }
      List<CaseRecord> cases = new ArrayList<>();
      try (PreparedStatement p = connection.prepareStatement("SELECT case_id, case_index, seed, output, error,"
          + " latency_nanos, input_tokens, output_tokens, cost, finished_at FROM eval_case WHERE run_id = ?"
          + " ORDER BY case_index")) {
        p.setString(1, runId);
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString(1);
            String out = rs.getString(4);
            long latency = rs.getLong(6);
            EvalOutput output = out == null ? null : new EvalOutput(out, null, latency);
            CaseResult result = new CaseResult(id, output, scores.getOrDefault(id, List.of()), rs.getString(5));
            cases.add(new CaseRecord(rs.getInt(2), rs.getLong(3), result, latency, rs.getInt(7), rs.getInt(8),
                rs.getDouble(9), rs.getLong(10)));
          }
        }
      }
      return Optional.of(new StoredRun(info.get(), status, cases));
    } catch (SQLException e) {
      throw fail("load run " + runId, e);
    }
  }

  /**
   * Lists the runs, newest first.
   *
   * @return run id to status
   * @throws RunStoreException if the database fails
   */
  public synchronized Map<String, String> runs() {
    Map<String, String> out = new LinkedHashMap<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT run_id, status FROM eval_run ORDER BY started_at DESC, run_id")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2));
      }
      return out;
    } catch (SQLException e) {
      throw fail("list runs", e);
    }
  }

  private void update(String sql, Object... args) {
    try (PreparedStatement p = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        p.setObject(i + 1, args[i]);
      }
      p.executeUpdate();
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw fail(sql, e);
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The original failure is what the caller needs to see.
    }
  }

  private RunStoreException fail(String what, Exception e) {
    return new RunStoreException("run store " + url + ": cannot " + what + ": " + e.getMessage(), e);
  }

  /** Closes the connection. Idempotent. */
  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw fail("close", e);
    }
  }
}
