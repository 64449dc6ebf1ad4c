package io.llmops.samples.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.evaluation.EvalRunResult;
import io.llmops.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoryEvalSampleTest {

  @Test
  void evaluatesStories260KAndWritesTheReport(@TempDir Path dir) throws Exception {
    Path model = TestFiles.model("stories260K.gguf");
    EvalRunResult run = StoryEvalSample.run(model, dir);
    assertThat(run.cases()).hasSize(StoryEvalSample.STORIES.length).noneMatch(c -> c.failed());
    // The model was trained on such stories: its greedy continuations share words with the references.
    assertThat(run.mean("rouge_l").orElseThrow()).isBetween(0.0, 1.0);
    assertThat(run.mean("chrf").orElseThrow()).isGreaterThan(0.05);
    String html = Files.readString(dir.resolve("report.html"));
    assertThat(html).contains("story-completion", "Counterfactual bias audit", "BBQ-style probes", "<svg");
    assertThat(dir.resolve("report.json")).isNotEmptyFile();
    assertThat(dir.resolve("runs.db")).isNotEmptyFile();
  }
}
