package io.llmops.eval.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalDataset;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.Score;
import io.llmops.eval.run.EvalRunner;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

  static EvalDataset dataset() {
    List<EvalCase> cases = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      cases.add(EvalCase.builder("case-" + i).input("w" + i).expected("W" + i).build());
    }
    return EvalDataset.of("store", cases);
  }

  @Test
  void recordsRunIdentityOutputsScoresTimingsAndCost(@TempDir Path dir) {
    RunInfo info = new RunInfo("run-1", "ds", "ab".repeat(32), new ModelIdentity("m", "cd".repeat(32), "Q8_0", "cpu"),
        "v3", Map.of("temperature", "0", "max_tokens", "16"), 99, 1234);
    try (RunStore store = RunStore.sqlite(dir.resolve("s.db"))) {
      store.startRun(info);
      CaseResult r = new CaseResult("c1", new EvalOutput("out", null, 500), List.of(new Score("exact", 1, true, "ok"),
          new Score("latency_ms", 0.5, true, "fast")), null);
      store.saveCase("run-1", new CaseRecord(0, 7, r, 500, 10, 3, 0.25, 99));
      store.saveCase("run-1", new CaseRecord(1, 8, new CaseResult("c2", null, List.of(), "boom"), 9, 0, 0, 0, 100));
      store.finishRun("run-1", "finished");
    }
    try (RunStore store = RunStore.sqlite(dir.resolve("s.db"))) {
      StoredRun run = store.load("run-1").orElseThrow();
      assertThat(run.info()).isEqualTo(info);
      assertThat(run.status()).isEqualTo("finished");
      assertThat(run.cases()).hasSize(2);
      CaseRecord c1 = run.cases().get(0);
      assertThat(c1.seed()).isEqualTo(7);
      assertThat(c1.inputTokens()).isEqualTo(10);
      assertThat(c1.outputTokens()).isEqualTo(3);
      assertThat(c1.cost()).isEqualTo(0.25);
      assertThat(c1.result().output().text()).isEqualTo("out");
      assertThat(c1.result().score("exact").orElseThrow()).isEqualTo(new Score("exact", 1, true, "ok"));
      assertThat(run.cases().get(1).result().error()).isEqualTo("boom");
      assertThat(run.toResult().mean("exact")).hasValue(1.0);
      assertThat(store.load("nope")).isEmpty();
    }
  }

  @Test
  void usesWalMode(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("w.db");
    RunStore.sqlite(db).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }

  /**
   * A child JVM writes cases one by one and is killed with {@code destroyForcibly()} while blocked on case 5: the
   * five committed cases must be in the store, and the resumed run must skip exactly those.
   */
  @Test
  void committedCasesSurviveAKilledProcess(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("killed.db");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        KilledWriterMain.class.getName(), db.toString(), "5").redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      int committed = 0;
      for (int i = 0; i < 600 && committed < 5; i++) {
        Thread.sleep(100);
        assertThat(child.isAlive()).as("child still running (see child.log)").isTrue();
        committed = countCases(db);
      }
      assertThat(committed).isEqualTo(5);
    } finally {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    try (RunStore store = RunStore.sqlite(db)) {
      StoredRun run = store.load("killed").orElseThrow();
      assertThat(run.status()).isEqualTo("running");
      assertThat(run.cases()).extracting(CaseRecord::caseId)
          .containsExactly("case-0", "case-1", "case-2", "case-3", "case-4");
      Set<String> ran = ConcurrentHashMap.newKeySet();
      var result = EvalRunner.builder((c, seed) -> {
        ran.add(c.id());
        return EvalOutput.of(c.input().toUpperCase(java.util.Locale.ROOT));
      }).runId("killed").store(store).build().evaluate(dataset());
      assertThat(ran).hasSize(7).doesNotContain("case-0", "case-4").contains("case-5", "case-11");
      assertThat(result.cases()).hasSize(12);
      assertThat(store.load("killed").orElseThrow().status()).isEqualTo("finished");
    }
  }

  private static int countCases(Path db) throws Exception {
    if (!db.toFile().exists()) {
      return 0;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout=5000");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM eval_case WHERE run_id = 'killed'")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    } catch (java.sql.SQLException e) {
      return 0; // tables not created yet
    }
  }
}
