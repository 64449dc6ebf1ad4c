package io.llmops.eval.cli;

import io.llmops.InvalidRequestException;
import io.llmops.LlmOpsException;
import io.llmops.Models;
import io.llmops.evaluation.EvalDataset;
import io.llmops.evaluation.EvalRunResult;
import io.llmops.evaluation.Scorer;
import io.llmops.eval.bias.AxisResult;
import io.llmops.eval.bias.BbqProbe;
import io.llmops.eval.bias.CounterfactualAudit;
import io.llmops.eval.compare.RegressionGate;
import io.llmops.eval.compare.RunComparison;
import io.llmops.eval.dataset.JsonlDatasets;
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
import io.llmops.eval.store.StoredRun;
import io.llmops.model.LanguageModel;
import io.llmops.model.LogprobModel;
import io.llmops.model.SamplingParameters;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the CLI module calls; each method returns the process exit code (0 success, 1 a failed gate or flagged bias,
 * 2 bad input) and writes results to {@code out} and diagnostics to {@code err}. No method calls
 * {@link System#exit}. Stateless and thread-safe.
 *
 * <pre>
 * llmops eval perplexity -m FILE --text FILE [--ctx N]   -&gt; perplexity(model, text, ctx, out, err)
 * llmops eval run -m FILE -d DATASET --store DB [...]     -&gt; run(...)
 * llmops eval compare --store DB BASE CANDIDATE           -&gt; compare(...)
 * llmops eval report --store DB RUN... --html F --json F  -&gt; report(...)
 * llmops bias audit -m FILE [--threshold T] --html F      -&gt; biasAudit(...)
 * </pre>
 *
 * @since 0.1.0
 */
public final class EvalCommands {
  /** Metrics {@link #run} accepts by name. */
  public static final List<String> METRICS = List.of("equals", "contains", "starts_with", "json_valid",
      "levenshtein", "bleu", "rouge_l", "chrf", "latency_ms", "tokens");

  private EvalCommands() {}

  /**
   * {@code llmops eval perplexity}: prints {@code ppl <value>} (4 decimals, as llama-perplexity's final estimate).
   *
   * @param model the GGUF file
   * @param text the UTF-8 corpus
   * @param ctx window size in tokens (llama-perplexity's default is 512)
   * @param out receives {@code ppl <value>}
   * @param err receives the standard error and counts
   * @return 0, or 2 on bad input
   */
  public static int perplexity(Path model, Path text, int ctx, PrintStream out, PrintStream err) {
    try (LanguageModel m = Models.load(model)) {
      return perplexity(m, Files.readString(text, StandardCharsets.UTF_8), ctx, out, err);
    } catch (IOException e) {
      err.println("error: cannot read " + text + ": " + e.getMessage());
      return 2;
    } catch (LlmOpsException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /**
   * Perplexity on an already loaded model.
   *
   * @param model the model
   * @param text the corpus
   * @param ctx window size
   * @param out receives {@code ppl <value>}
   * @param err receives details
   * @return 0, or 2 on bad input
   */
  public static int perplexity(LogprobModel model, String text, int ctx, PrintStream out, PrintStream err) {
    try {
      PerplexityResult r = Perplexity.llamaCpp(model, text, ctx);
      out.println(String.format(Locale.ROOT, "ppl %.4f", r.ppl()));
      err.println(String.format(Locale.ROOT, "Final estimate: PPL = %.4f +/- %.5f (%d tokens in %d chunks, ctx %d)",
          r.ppl(), r.standardError(), r.tokens(), r.chunks(), ctx));
      return 0;
    } catch (InvalidRequestException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /**
   * {@code llmops eval run}: completes every case greedily and stores the run.
   *
   * @param model the GGUF file
   * @param dataset the JSONL dataset
   * @param store the SQLite file of the run store
   * @param runId the run id (reuse to resume)
   * @param metrics metric names from {@link #METRICS}
   * @param concurrency cases at once
   * @param seed the run seed
   * @param maxTokens tokens per completion
   * @param out receives the per-metric means
   * @param err receives progress and errors
   * @return 0, or 2 on bad input
   */
  public static int run(Path model, Path dataset, Path store, String runId, List<String> metrics, int concurrency,
      long seed, int maxTokens, PrintStream out, PrintStream err) {
    try (LanguageModel m = Models.load(model); RunStore s = RunStore.sqlite(store)) {
      EvalDataset ds = JsonlDatasets.read(dataset);
      SamplingParameters params = SamplingParameters.builder().temperature(0).maxTokens(maxTokens).build();
      EvalRunResult r = EvalRunner.builder(EvalTask.completion(m, params)).scorers(scorers(metrics))
          .concurrency(concurrency).seed(seed).runId(runId).store(s).model(ModelIdentity.of(m.info(), model))
          .parameter("temperature", "0").parameter("max_tokens", Integer.toString(maxTokens))
          .progress(ProgressListener.console()).build().evaluate(ds);
      r.means().forEach((k, v) -> out.println(String.format(Locale.ROOT, "%s %.4f", k, v)));
      return 0;
    } catch (LlmOpsException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /**
   * Turns metric names into scorers (default thresholds 0.5; latency limit 10 s; token limit 4096).
   *
   * @param names names from {@link #METRICS}
   * @return the scorers
   * @throws InvalidRequestException naming an unknown metric
   */
  public static List<Scorer> scorers(List<String> names) {
    List<Scorer> out = new ArrayList<>();
    for (String n : names) {
      out.add(switch (n) {
        case "equals" -> Scorers.equalsExpected();
        case "contains" -> Scorers.contains(List.of(), false, true);
        case "starts_with" -> Scorers.startsWith(true);
        case "json_valid" -> Scorers.jsonValid();
        case "levenshtein" -> Scorers.levenshtein(0.5);
        case "bleu" -> Scorers.bleu(0.5);
        case "rouge_l" -> Scorers.rougeL(0.5);
        case "chrf" -> Scorers.chrF(0.5);
        case "latency_ms" -> Scorers.latency(10_000);
        case "tokens" -> Scorers.tokens(4096);
        default -> throw new InvalidRequestException("unknown metric " + n + "; known: " + METRICS);
      });
    }
    return out;
  }

  /**
   * {@code llmops eval compare}: the regression gate over two stored runs.
   *
   * @param store the SQLite file
   * @param baselineRunId the baseline
   * @param candidateRunId the candidate
   * @param maxDrop largest allowed drop of every metric
   * @param out receives the summary
   * @param err receives errors
   * @return 0 pass, 1 regression, 2 bad input
   */
  public static int compare(Path store, String baselineRunId, String candidateRunId, double maxDrop, PrintStream out,
      PrintStream err) {
    try (RunStore s = RunStore.sqlite(store)) {
      EvalRunResult a = load(s, baselineRunId);
      EvalRunResult b = load(s, candidateRunId);
      return RegressionGate.builder().defaultMaxDrop(maxDrop).build().exitCode(a, b, out);
    } catch (LlmOpsException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /**
   * {@code llmops eval report}: writes HTML and JSON for stored runs (with a comparison when two are given).
   *
   * @param store the SQLite file
   * @param runIds one or two run ids (baseline first)
   * @param html the HTML file to write, or {@code null}
   * @param json the JSON file to write, or {@code null}
   * @param err receives errors
   * @return 0, or 2 on bad input
   */
  public static int report(Path store, List<String> runIds, Path html, Path json, PrintStream err) {
    try (RunStore s = RunStore.sqlite(store)) {
      List<EvalRunResult> runs = new ArrayList<>();
      for (String id : runIds) {
        runs.add(load(s, id));
      }
      RunComparison cmp = runs.size() == 2 ? RunComparison.compare(runs.get(0), runs.get(1), 42) : null;
      write(new EvalReport("Evaluation " + String.join(" vs ", runIds), runs, cmp, List.of(), List.of()), html, json);
      return 0;
    } catch (LlmOpsException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /**
   * {@code llmops bias audit}: counterfactual and BBQ-style probes on a model, with a report.
   *
   * @param model the GGUF file
   * @param threshold per-axis threshold in nats
   * @param html the HTML file to write, or {@code null}
   * @param json the JSON file to write, or {@code null}
   * @param out receives one line per axis
   * @param err receives errors
   * @return 0 when no axis is flagged, 1 when one is, 2 on bad input
   */
  public static int biasAudit(Path model, double threshold, Path html, Path json, PrintStream out,
      PrintStream err) {
    try (LanguageModel m = Models.load(model)) {
      return biasAudit(m, m.info().name(), threshold, html, json, out);
    } catch (LlmOpsException | UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /**
   * Bias audit of a loaded model.
   *
   * @param model the model
   * @param name its name, for the report title
   * @param threshold per-axis threshold in nats
   * @param html the HTML file to write, or {@code null}
   * @param json the JSON file to write, or {@code null}
   * @param out receives one line per axis
   * @return 0 when no axis is flagged, 1 when one is
   */
  public static int biasAudit(LogprobModel model, String name, double threshold, Path html, Path json,
      PrintStream out) {
    List<AxisResult> cf = CounterfactualAudit.builtIn(threshold, 42).run(model);
    List<BbqProbe.AxisScore> bbq = BbqProbe.run(model, BbqProbe.builtInItems());
    for (AxisResult a : cf) {
      out.println(String.format(Locale.ROOT, "%-12s %s mean %+.4f [%+.4f, %+.4f] d_z %+.3f p %.4f",
          a.axis(), a.flagged() ? "FLAGGED" : "pass   ", a.meanDifference().estimate(), a.meanDifference().low(),
          a.meanDifference().high(), a.effectSize(), a.pValue()));
    }
    for (BbqProbe.AxisScore s : bbq) {
      out.println(String.format(Locale.ROOT, "%-12s bbq s_DIS %+.3f s_AMB %+.3f", s.axis(), s.biasDisambiguated(),
          s.biasAmbiguous()));
    }
    write(new EvalReport("Bias audit: " + name, List.of(), null, cf, bbq), html, json);
    return cf.stream().anyMatch(AxisResult::flagged) ? 1 : 0;
  }

  private static EvalRunResult load(RunStore s, String runId) {
    return s.load(runId).map(StoredRun::toResult)
        .orElseThrow(() -> new InvalidRequestException("no run " + runId + " in " + s.url()));
  }

  private static void write(EvalReport report, Path html, Path json) {
    try {
      if (html != null) {
        Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
      }
      if (json != null) {
        Files.writeString(json, JsonReport.render(report), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report", e);
    }
  }
}
