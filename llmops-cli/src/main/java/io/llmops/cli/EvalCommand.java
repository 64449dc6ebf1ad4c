package io.llmops.cli;

import io.llmops.LlmOpsException;
import io.llmops.eval.cli.EvalCommands;
import io.llmops.eval.run.ProgressListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llmops eval run|compare|report|perplexity}: thin picocli front ends over {@link EvalCommands}, which holds
 * the logic and the exit codes (0 success, 1 a failed regression gate, 2 bad input). Models resolve like every other
 * command: a file path, or a name in the model cache.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate models: perplexity, dataset runs, run-vs-run regression gates and reports.",
    subcommands = {EvalCommand.Run.class, EvalCommand.Compare.class, EvalCommand.Report.class,
        EvalCommand.Perplexity.class})
final class EvalCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** Resolves a model argument: a file, or a name in the model cache ({@code LLMOPS_MODELS}). */
  static Path model(String model) {
    return ModelCache.fromEnvironment(System.getenv()).resolve(model);
  }

  /**
   * Runs {@code body} with {@link PrintStream}s that forward to picocli's writers (what {@link EvalCommands} takes),
   * line by line so that progress appears as it happens.
   */
  static int withStreams(CommandLine.Model.CommandSpec spec, StreamsBody body) {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (PrintStream o = forward(out); PrintStream e = forward(err)) {
      try {
        return body.run(o, e);
      } catch (LlmOpsException ex) {
        // Bad input found before EvalCommands takes over (an unknown model name, an invalid setting).
        e.println("error: " + ex.getMessage());
        return 2;
      }
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static PrintStream forward(PrintWriter w) {
    return new PrintStream(new ByteArrayOutputStream() {
      @Override
      public synchronized void flush() {
        w.write(toString(StandardCharsets.UTF_8));
        w.flush();
        reset();
      }
    }, true, StandardCharsets.UTF_8);
  }

  /** What runs with the forwarding streams. */
  @FunctionalInterface
  interface StreamsBody {
    int run(PrintStream out, PrintStream err);
  }

  @Command(name = "perplexity", mixinStandardHelpOptions = true,
      description = "Perplexity of a model on a text file, as llama-perplexity computes it: 'ppl <value>' on stdout,"
          + " details on stderr.")
  static final class Perplexity implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, description = "GGUF file, or a name in the model cache")
    String model;

    @Option(names = {"-f", "--text"}, required = true, description = "UTF-8 text file")
    Path text;

    @Option(names = {"-c", "--ctx"}, defaultValue = "512", description = "window in tokens (default: ${DEFAULT-VALUE})")
    int ctx;

    @Override
    public Integer call() {
      return withStreams(spec, (o, e) -> EvalCommands.perplexity(model(model), text, ctx, o, e));
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Complete every case of a JSONL dataset greedily, score it and store the run (resumable).")
  static final class Run implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, description = "GGUF file, or a name in the model cache")
    String model;

    @Option(names = {"-d", "--dataset"}, required = true, description = "JSONL dataset")
    Path dataset;

    @Option(names = "--store", required = true, description = "SQLite run store file")
    Path store;

    @Option(names = "--run-id", required = true, description = "run id (reuse it to resume)")
    String runId;

    @Option(names = "--metric", split = ",", defaultValue = "equals,rouge_l",
        description = "metrics, comma-separated: equals, contains, starts_with, json_valid, levenshtein, bleu,"
            + " rouge_l, chrf, latency_ms, tokens (default: ${DEFAULT-VALUE})")
    List<String> metrics;

    @Option(names = {"-j", "--concurrency"}, defaultValue = "1", description = "cases at once (default: 1)")
    int concurrency;

    @Option(names = {"-s", "--seed"}, defaultValue = "42", description = "run seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-n", "--max-tokens"}, defaultValue = "64", description = "tokens per case (default: 64)")
    int maxTokens;

    @Option(names = "--no-progress", description = "no progress bar (there is none when stderr is not a terminal)")
    boolean noProgress;

    @Override
    public Integer call() {
      return withStreams(spec, (o, e) -> EvalCommands.run(model(model), dataset, store, runId, metrics, concurrency,
          seed, maxTokens, noProgress ? ProgressListener.none() : ProgressListener.console(), o, e));
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Regression gate: exit 1 when a metric of the candidate run drops significantly below the"
          + " baseline's.")
  static final class Compare implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, description = "SQLite run store file")
    Path store;

    @Option(names = "--max-drop", defaultValue = "0.0",
        description = "largest tolerated drop of a metric's mean (default: ${DEFAULT-VALUE})")
    double maxDrop;

    @Parameters(index = "0", description = "baseline run id")
    String baseline;

    @Parameters(index = "1", description = "candidate run id")
    String candidate;

    @Override
    public Integer call() {
      return withStreams(spec, (o, e) -> EvalCommands.compare(store, baseline, candidate, maxDrop, o, e));
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = "Write an HTML and/or JSON report of one run, or of two runs with their comparison.")
  static final class Report implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--store", required = true, description = "SQLite run store file")
    Path store;

    @Option(names = "--html", description = "HTML file to write")
    Path html;

    @Option(names = "--json", description = "JSON file to write")
    Path json;

    @Parameters(arity = "1..2", description = "run ids (baseline first)")
    List<String> runIds;

    @Override
    public Integer call() {
      if (html == null && json == null) {
        throw new CommandLine.ParameterException(spec.commandLine(), "give --html, --json or both");
      }
      return withStreams(spec, (o, e) -> EvalCommands.report(store, runIds, html, json, e));
    }
  }
}
