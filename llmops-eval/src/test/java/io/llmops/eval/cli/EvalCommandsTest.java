package io.llmops.eval.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.Score;
import io.llmops.eval.RealModels;
import io.llmops.eval.lm.DigitOracleModel;
import io.llmops.eval.lm.Perplexity;
import io.llmops.eval.lm.PerplexityResult;
import io.llmops.eval.store.CaseRecord;
import io.llmops.eval.store.ModelIdentity;
import io.llmops.eval.store.RunInfo;
import io.llmops.eval.store.RunStore;
import io.llmops.model.LanguageModel;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandsTest {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  static String corpus() throws Exception {
    try (InputStream in = EvalCommandsTest.class.getResourceAsStream("/io/llmops/eval/lm/stories-corpus.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void storeRun(RunStore s, String id, int failures) {
    s.startRun(new RunInfo(id, "ds", "ab".repeat(32), ModelIdentity.named("m"), "", Map.of(), 1, 0));
    for (int i = 0; i < 30; i++) {
      double v = i < failures ? 0 : 1;
      s.saveCase(id, new CaseRecord(i, 0, new CaseResult("c" + i, EvalOutput.of("x"),
          List.of(new Score("exact", v, v == 1, "")), null), 1, 0, 0, 0, 0));
    }
    s.finishRun(id, "finished");
  }

  @Test
  void compareAndReportWorkOnStoredRuns(@TempDir Path dir) throws Exception {
    Path db = dir.resolve("runs.db");
    try (RunStore s = RunStore.sqlite(db)) {
      storeRun(s, "base", 0);
      storeRun(s, "good", 0);
      storeRun(s, "bad", 12);
    }
    assertThat(EvalCommands.compare(db, "base", "good", 0.02, out, err)).isZero();
    assertThat(EvalCommands.compare(db, "base", "bad", 0.02, out, err)).isEqualTo(1);
    assertThat(outBytes.toString(StandardCharsets.UTF_8)).contains("FAIL: bad vs base");
    assertThat(EvalCommands.compare(db, "base", "nope", 0.02, out, err)).isEqualTo(2);
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("no run nope");
    Path html = dir.resolve("r.html");
    Path json = dir.resolve("r.json");
    assertThat(EvalCommands.report(db, List.of("base", "bad"), html, json, err)).isZero();
    assertThat(Files.readString(html)).contains("bad vs base", "-0.4000");
    assertThat(Files.readString(json)).contains("\"delta\" : -0.4");
  }

  @Test
  void perplexityPrintsPplLikeLlamaPerplexity() {
    assertThat(EvalCommands.perplexity(new DigitOracleModel(0.5, 0.25), "0123456789".repeat(4), 8, out, err))
        .isZero();
    assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEqualTo("ppl 2.0000" + System.lineSeparator());
    assertThat(EvalCommands.perplexity(new DigitOracleModel(0.5, 0.25), "0123", 8, out, err)).isEqualTo(2);
    assertThat(EvalCommands.scorers(List.of("rouge_l", "chrf"))).hasSize(2);
  }

  /** stories260K on our own corpus: perplexity through the CLI hook, file to file. */
  @Test
  void perplexityOfStories260KOnTheCorpus(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("corpus.txt");
    Files.writeString(text, corpus());
    try (LanguageModel m = RealModels.stories()) {
      PerplexityResult r = Perplexity.llamaCpp(m, corpus(), 128);
      // A model trained on TinyStories on TinyStories-like text: far better than uniform over 512 tokens.
      assertThat(r.ppl()).isGreaterThan(1).isLessThan(100);
      assertThat(r.chunks()).isGreaterThanOrEqualTo(2);
    }
    assertThat(EvalCommands.perplexity(RealModels.storiesFile(), text, 128, out, err)).isZero();
    assertThat(outBytes.toString(StandardCharsets.UTF_8)).startsWith("ppl ");
    System.err.println("stories260K corpus perplexity (ctx 128): " + outBytes + errBytes);
  }
}
