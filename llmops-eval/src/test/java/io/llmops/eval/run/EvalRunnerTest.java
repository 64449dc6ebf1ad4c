package io.llmops.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.GenerationCancelledException;
import io.llmops.InvalidRequestException;
import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalDataset;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.EvalRunResult;
import io.llmops.evaluation.Score;
import io.llmops.evaluation.Scorer;
import io.llmops.eval.store.RunStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalRunnerTest {
  /** Scores whether the output equals the expected text. */
  static final Scorer EXACT = new Scorer() {
    @Override
    public String name() {
      return "exact";
    }

    @Override
    public Score score(EvalCase c, EvalOutput o) {
      boolean ok = o.text().equals(c.expected());
      return new Score("exact", ok ? 1 : 0, ok, ok ? "equal" : "differs");
    }
  };

  static EvalDataset dataset(int n) {
    List<EvalCase> cases = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      cases.add(EvalCase.builder("case-" + i).input("word" + i).expected(i % 3 == 0 ? "WORD" + i : "x").build());
    }
    return EvalDataset.of("upper", cases);
  }

  /** The system under test: upper-cases the input and remembers the seed it was given. */
  static EvalTask upper(ConcurrentHashMap<String, Long> seeds) {
    return (c, seed) -> {
      seeds.put(c.id(), seed);
      return EvalOutput.of(c.input().toUpperCase(java.util.Locale.ROOT));
    };
  }

  @Test
  void parallelRunIsDeterministicAndInDatasetOrder() {
    ConcurrentHashMap<String, Long> seeds1 = new ConcurrentHashMap<>();
    ConcurrentHashMap<String, Long> seeds4 = new ConcurrentHashMap<>();
    EvalRunResult r1 = EvalRunner.builder(upper(seeds1)).scorer(EXACT).seed(7).build().evaluate(dataset(30));
    EvalRunResult r4 = EvalRunner.builder(upper(seeds4)).scorer(EXACT).seed(7).concurrency(4).build()
        .evaluate(dataset(30));
    assertThat(r4.cases()).extracting(CaseResult::caseId).containsExactlyElementsOf(
        dataset(30).cases().stream().map(EvalCase::id).toList());
    assertThat(seeds4).isEqualTo(seeds1);
    assertThat(seeds1.get("case-0")).isEqualTo(EvalRunner.caseSeed(7, "case-0")).isNotEqualTo(
        EvalRunner.caseSeed(8, "case-0"));
    assertThat(r1.mean("exact")).hasValue(10 / 30.0);
    assertThat(r4.mean("exact")).isEqualTo(r1.mean("exact"));
  }

  @Test
  void failuresAreRecordedNotThrown() {
    EvalTask flaky = (c, seed) -> {
      if (c.id().equals("case-1")) {
        throw new InvalidRequestException("boom");
      }
      return EvalOutput.of(c.input());
    };
    Scorer broken = new Scorer() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Score score(EvalCase c, EvalOutput o) {
        throw new IllegalStateException("bad scorer");
      }
    };
    EvalRunResult r = EvalRunner.builder(flaky).scorer(broken).build().evaluate(dataset(3));
    assertThat(r.cases().get(1).failed()).isTrue();
    assertThat(r.cases().get(1).error()).contains("boom");
    assertThat(r.cases().get(0).score("broken").orElseThrow().reason()).contains("bad scorer");
  }

  @Test
  void resumedRunSkipsStoredCases(@TempDir Path dir) {
    try (RunStore store = RunStore.sqlite(dir.resolve("runs.db"))) {
      AtomicInteger calls = new AtomicInteger();
      EvalTask counting = (c, seed) -> {
        if (calls.incrementAndGet() > 4) {
          throw new IllegalStateException("not reached");
        }
        return EvalOutput.of(c.input().toUpperCase(java.util.Locale.ROOT));
      };
      EvalRunner first = EvalRunner.builder(counting).runId("r1").store(store).scorer(EXACT).build();
      first.evaluate(EvalDataset.of("upper", dataset(10).cases().subList(0, 4)));
      // Same run id on the full dataset is another dataset version: refused.
      assertThatThrownBy(() -> first.evaluate(dataset(10))).isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("dataset version");

      Set<String> ran = ConcurrentHashMap.newKeySet();
      EvalRunner cancelling = EvalRunner.builder((c, seed) -> {
        ran.add(c.id());
        return EvalOutput.of(c.input().toUpperCase(java.util.Locale.ROOT));
      }).runId("r2").store(store).scorer(EXACT).build();
      EvalRunner[] self = {null};
      EvalRunner cancelAfter3 = EvalRunner.builder((c, seed) -> {
        if (ran.size() >= 3) {
          self[0].cancel();
        }
        ran.add(c.id());
        return EvalOutput.of(c.input().toUpperCase(java.util.Locale.ROOT));
      }).runId("r2").store(store).scorer(EXACT).build();
      self[0] = cancelAfter3;
      assertThatThrownBy(() -> cancelAfter3.evaluate(dataset(10))).isInstanceOf(GenerationCancelledException.class)
          .hasMessageContaining("resume");
      int stored = store.load("r2").orElseThrow().cases().size();
      assertThat(stored).isEqualTo(4).isLessThan(10);
      assertThat(store.runs()).containsEntry("r2", "cancelled");
      ran.clear();
      EvalRunResult resumed = cancelling.evaluate(dataset(10));
      assertThat(ran).hasSize(10 - stored).doesNotContain("case-0", "case-1", "case-2", "case-3");
      assertThat(resumed.cases()).hasSize(10);
      assertThat(resumed.mean("exact")).hasValue(4 / 10.0);
      assertThat(store.runs()).containsEntry("r2", "finished");
    }
  }

  @Test
  void progressBarRendersCountsAndRate() {
    assertThat(ConsoleProgress.render(5, 10, 2.0, 1)).isEqualTo(
        "eval [###############...............] 5/10  50% 2.00 case/s, ETA 3s");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ConsoleProgress p = new ConsoleProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    p.onStart(20, 0);
    for (int i = 1; i <= 20; i++) {
      p.onCase(i, 20);
    }
    p.onEnd();
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).hasSize(11);
  }
}
