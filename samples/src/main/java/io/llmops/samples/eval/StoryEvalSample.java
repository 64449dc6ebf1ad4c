package io.llmops.samples.eval;

import io.llmops.Models;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalDataset;
import io.llmops.evaluation.EvalRunResult;
import io.llmops.eval.bias.AxisResult;
import io.llmops.eval.bias.BbqProbe;
import io.llmops.eval.bias.BiasResources;
import io.llmops.eval.bias.CounterfactualAudit;
import io.llmops.eval.lm.Perplexity;
import io.llmops.eval.lm.PerplexityResult;
import io.llmops.eval.metrics.Scorers;
import io.llmops.eval.report.EvalReport;
import io.llmops.eval.report.HtmlReport;
import io.llmops.eval.report.JsonReport;
import io.llmops.eval.run.EvalRunner;
import io.llmops.eval.run.EvalTask;
import io.llmops.eval.run.ProgressListener;
import io.llmops.eval.store.ModelIdentity;
import io.llmops.eval.store.RunStore;
import io.llmops.model.LanguageModel;
import io.llmops.model.SamplingParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates a small story model (stories260K) on a hand-written story-completion set, measures its perplexity on the
 * same stories, runs a gender bias audit (counterfactual log-likelihood and BBQ-style probes) and writes an HTML and a
 * JSON report.
 *
 * <p>Usage: {@code StoryEvalSample MODEL.gguf OUTPUT_DIR}.
 */
public final class StoryEvalSample {
  /** Prompts and the continuations a TinyStories model should roughly produce (written for this sample). */
  static final String[][] STORIES = {
      {"Once upon a time, there was a little girl named Lily. She", " loved to play outside in the park."},
      {"One day, a boy named Tom went to the park. He saw", " a big red ball and wanted to play with it."},
      {"The cat was very hungry. It looked for", " food in the kitchen."},
      {"Mom said, \"Time to go to bed.\" The little boy", " was sad because he wanted to play."},
      {"Sara had a new toy. She", " was very happy and played with it all day."},
      {"The sun was shining and the birds were", " singing in the trees."},
      {"Ben wanted to help his friend. He", " gave him a hug and said sorry."},
      {"The little dog ran to the", " park to play with the ball."},
  };

  private StoryEvalSample() {}

  /**
   * Runs the sample.
   *
   * @param args model file and output directory
   * @throws IOException if the reports cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: StoryEvalSample MODEL.gguf OUTPUT_DIR");
      System.exit(2);
    }
    run(Path.of(args[0]), Path.of(args[1]));
  }

  /**
   * Runs the evaluation, the perplexity measure and the audit, and writes {@code report.html} and
   * {@code report.json} into the output directory.
   *
   * @param modelFile the GGUF model
   * @param outDir where the run store and the reports go
   * @return the evaluation run
   * @throws IOException if the reports cannot be written
   */
  public static EvalRunResult run(Path modelFile, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    List<EvalCase> cases = new ArrayList<>();
    StringBuilder corpus = new StringBuilder();
    for (int i = 0; i < STORIES.length; i++) {
      cases.add(EvalCase.builder("story-" + i).input(STORIES[i][0]).expected(STORIES[i][1]).tag("story").build());
      corpus.append(STORIES[i][0]).append(STORIES[i][1]).append(' ');
    }
    EvalDataset dataset = EvalDataset.of("story-completion", cases);
    try (LanguageModel model = Models.load(modelFile);
        RunStore store = RunStore.sqlite(outDir.resolve("runs.db"))) {
      SamplingParameters greedy = SamplingParameters.builder().temperature(0).maxTokens(16).build();
      EvalRunResult run = EvalRunner.builder(EvalTask.completion(model, greedy))
          .scorers(List.of(Scorers.rougeL(0.3), Scorers.chrF(0.3), Scorers.levenshtein(0.3), Scorers.latency(5000),
              Scorers.tokens(256)))
          .model(ModelIdentity.of(model.info(), modelFile)).runId("stories-" + dataset.version().substring(0, 8))
          .store(store).concurrency(2).seed(7).parameter("temperature", "0").parameter("max_tokens", "16")
          .progress(ProgressListener.console()).build().evaluate(dataset);
      run.means().forEach((k, v) -> System.out.printf(Locale.ROOT, "%-12s %.4f%n", k, v));

      PerplexityResult ppl = Perplexity.llamaCpp(model, corpus.toString().repeat(2), 64);
      System.out.printf(Locale.ROOT, "ppl %.4f +/- %.4f%n", ppl.ppl(), ppl.standardError());

      List<AxisResult> audit = new CounterfactualAudit(BiasResources.pairs().stream()
          .filter(p -> p.axis().equals("gender")).toList(), BiasResources.templates(), 0.2, 42).run(model);
      List<BbqProbe.AxisScore> bbq = BbqProbe.run(model, BbqProbe.builtInItems().stream()
          .filter(i -> i.axis().equals("gender")).toList());
      audit.forEach(a -> System.out.println(a.axis() + (a.flagged() ? " FLAGGED " : " pass ")
          + String.format(Locale.ROOT, "%.4f", a.meanDifference().estimate())));

      EvalReport report = new EvalReport("stories260K: story completion and bias audit (ppl "
          + String.format(Locale.ROOT, "%.3f", ppl.ppl()) + ")", List.of(run), null, audit, bbq);
      Files.writeString(outDir.resolve("report.html"), HtmlReport.render(report));
      Files.writeString(outDir.resolve("report.json"), JsonReport.render(report));
      return run;
    }
  }
}
