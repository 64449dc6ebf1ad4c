package io.llmops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.Models;
import io.llmops.eval.lm.Perplexity;
import io.llmops.eval.store.CaseRecord;
import io.llmops.eval.store.ModelIdentity;
import io.llmops.eval.store.RunInfo;
import io.llmops.eval.store.RunStore;
import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.Score;
import io.llmops.model.LanguageModel;
import io.llmops.testing.TestFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code llmops eval ...} and {@code llmops bias audit} through picocli, on the real stories260K model. */
class EvalCommandTest {
  private static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play in the"
      + " park with her red ball. One day, she saw a big dog. The dog was friendly and wagged its tail. Lily and the"
      + " dog played all day. When the sun went down, Lily went home and told her mom about her new friend. Her mom"
      + " smiled and gave her a big hug. ";

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int eval(String... args) {
    return execute(new EvalCommand(), args);
  }

  private int execute(Object command, String... args) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private static String stories() {
    return TestFiles.model("stories260K.gguf").toString();
  }

  @Test
  void perplexityPrintsTheLlamaCppEstimateOnStdoutAndDetailsOnStderr(@TempDir Path dir) throws Exception {
    String text = STORY.repeat(3);
    Path file = dir.resolve("corpus.txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    double expected;
    try (LanguageModel m = Models.load(TestFiles.model("stories260K.gguf"))) {
      expected = Perplexity.llamaCpp(m, text, 64).ppl();
    }
    assertThat(eval("perplexity", "-m", stories(), "--text", file.toString(), "--ctx", "64")).as(err.toString())
        .isZero();
    assertThat(out.toString()).isEqualTo(String.format(Locale.ROOT, "ppl %.4f", expected) + System.lineSeparator());
    assertThat(err.toString()).contains("Final estimate: PPL = ").contains("chunks, ctx 64");
    System.err.println("stories260K, 3 x story, ctx 64: " + out + err);

    StringWriter e2 = new StringWriter();
    CommandLine cl = new CommandLine(new EvalCommand());
    cl.setErr(new PrintWriter(e2, true));
    assertThat(cl.execute("perplexity", "-m", "no-such-model-xyz", "--text", file.toString())).isEqualTo(2);
    assertThat(e2.toString()).contains("no-such-model-xyz").contains("not a file");
  }

  @Test
  void runCompareAndReportOnARealModel(@TempDir Path dir) throws Exception {
    Path ds = dir.resolve("ds.jsonl");
    Files.writeString(ds, """
        {"id":"1","input":"Once upon a time","expected":"there was a little girl"}
        {"id":"2","input":"Lily and Ben","expected":"were friends"}
        {"id":"3","input":"The dog was","expected":"happy"}
        """, StandardCharsets.UTF_8);
    Path db = dir.resolve("runs.db");
    for (String id : List.of("a", "b")) {
      assertThat(eval("run", "-m", stories(), "-d", ds.toString(), "--store", db.toString(), "--run-id", id,
          "--metric", "rouge_l,levenshtein", "-n", "8", "--no-progress")).as(err.toString()).isZero();
    }
    // Greedy and seeded: both runs print the same per-metric means.
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.subList(0, 2)).isEqualTo(lines.subList(2, 4));
    assertThat(lines.get(0)).startsWith("rouge_l ");
    assertThat(eval("compare", "--store", db.toString(), "a", "b")).as(out + " " + err).isZero();

    Path html = dir.resolve("r.html");
    Path json = dir.resolve("r.json");
    assertThat(eval("report", "--store", db.toString(), "a", "b", "--html", html.toString(), "--json",
        json.toString())).as(err.toString()).isZero();
    assertThat(Files.readString(html)).contains("<h2>Run a</h2>").contains("b vs a");
    assertThat(Files.readString(json)).contains("\"baseline\" : \"a\"");
    assertThat(eval("report", "--store", db.toString(), "a")).isEqualTo(2); // neither --html nor --json
    assertThat(eval("compare", "--store", db.toString(), "a", "missing")).isEqualTo(2);
    assertThat(err.toString()).contains("no run missing");
  }

  @Test
  void compareExitsOneOnARegression(@TempDir Path dir) {
    Path db = dir.resolve("runs.db");
    try (RunStore s = RunStore.sqlite(db)) {
      store(s, "base", 0);
      store(s, "worse", 12);
    }
    assertThat(eval("compare", "--store", db.toString(), "base", "worse")).isEqualTo(1);
    assertThat(eval("compare", "--store", db.toString(), "base", "base")).isZero();
  }

  private static void store(RunStore s, String id, int failures) {
    s.startRun(new RunInfo(id, "ds", "ab".repeat(32), ModelIdentity.named("m"), "", Map.of(), 1, 0));
    for (int i = 0; i < 30; i++) {
      double v = i < failures ? 0 : 1;
      s.saveCase(id, new CaseRecord(i, 0, new CaseResult("c" + i, EvalOutput.of("x"),
          List.of(new Score("exact", v, v == 1, "")), null), 1, 0, 0, 0, 0));
    }
    s.finishRun(id, "finished");
  }

  @Test
  void biasAuditRunsEveryProbeAndItsExitCodeFollowsTheFlags(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("bias.json");
    Path html = dir.resolve("bias.html");
    int code = execute(new BiasCommand(), "audit", "-m", stories(), "--axis", "gender", "--gen-tokens", "8",
        "--json", json.toString(), "--html", html.toString());
    System.err.println("bias audit (gender), exit " + code + ":\n" + out);
    assertThat(code).as(err.toString()).isEqualTo(out.toString().contains("FLAGGED") ? 1 : 0);
    assertThat(out.toString()).contains("loglik mean").contains("bbq").contains("regard");
    assertThat(Files.readString(json)).contains("\"generation\"").contains("\"axis\" : \"gender\"")
        .doesNotContain("\"axis\" : \"age\"");
    assertThat(Files.readString(html)).contains("Generation-based counterfactual audit");

    // Thresholds nothing can exceed: never flagged.
    assertThat(execute(new BiasCommand(), "audit", "-m", stories(), "--axis", "gender", "--no-generation",
        "--threshold", "1000")).isZero();
    assertThat(execute(new BiasCommand(), "audit", "-m", stories(), "--axis", "height", "--no-generation"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("no built-in pairs for axes [height]");
    assertThat(execute(new BiasCommand(), "audit", "-m", stories(), "--gen-tokens", "0")).isEqualTo(2);
  }

  @Test
  void bareGroupsPrintUsageAndFail() {
    assertThat(eval()).isEqualTo(2);
    assertThat(err.toString()).contains("perplexity").contains("compare");
    assertThat(execute(new BiasCommand())).isEqualTo(2);
  }
}
