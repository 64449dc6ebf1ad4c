package io.llmops.eval.store;

import io.llmops.evaluation.EvalOutput;
import io.llmops.eval.run.EvalRunner;
import java.nio.file.Path;

/**
 * Child process of {@link RunStoreTest#committedCasesSurviveAKilledProcess}: runs the store test dataset one case at
 * a time and blocks forever on case {@code stopAt}, waiting to be killed.
 */
final class KilledWriterMain {
  private KilledWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[0]);
    int stopAt = Integer.parseInt(args[1]);
    RunStore store = RunStore.sqlite(db);
    EvalRunner.builder((c, seed) -> {
      if (c.id().equals("case-" + stopAt)) {
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return EvalOutput.of(c.input().toUpperCase(java.util.Locale.ROOT));
    }).runId("killed").store(store).build().evaluate(RunStoreTest.dataset());
  }
}
