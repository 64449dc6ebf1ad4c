package io.llmops.cli;

import io.llmops.guardrails.batch.BatchChecks;
import io.llmops.guardrails.injection.EncoderInjectionClassifier;
import io.llmops.guardrails.injection.PromptInjectionDetector;
import io.llmops.runtime.cpu.onnx.OnnxEmbeddingModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llmops guard pii|injection --jsonl FILE}: batch checks over JSONL lines {@code {"id":..., "text":...}}, one
 * JSON result line per input line on standard output.
 */
@Command(name = "guard", mixinStandardHelpOptions = true,
    description = "Batch guardrail checks over JSONL files ({\"id\":..., \"text\":...} per line).",
    subcommands = {GuardCommand.Pii.class, GuardCommand.Injection.class})
final class GuardCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints {@code {"id":..., "entities":[{"type","start","end","text","score"}]}} per line. */
  @Command(name = "pii", mixinStandardHelpOptions = true, description = "Detect PII entities in each line.")
  static final class Pii implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--jsonl", required = true, description = "input file, '-' for stdin")
    String jsonl;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try (Reader in = open(jsonl)) {
        BatchChecks.detectPii(in, out);
      }
      return 0;
    }
  }

  /** Prints {@code {"id":..., "score":0.0-1.0, "flagged":true|false}} per line at the default threshold. */
  @Command(name = "injection", mixinStandardHelpOptions = true,
      description = "Score each line for prompt injection / jailbreak (rules + the trained n-gram model stacked with "
          + "the bundled sentence encoder).")
  static final class Injection implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--jsonl", required = true, description = "input file, '-' for stdin")
    String jsonl;

    @Option(names = "--rules-only", description = "rules alone: no trained model, no encoder")
    boolean rulesOnly;

    @Option(names = "--no-encoder", description = "rules + the trained n-gram model, without the sentence encoder "
        + "(faster, no native library)")
    boolean noEncoder;

    @Option(names = "--threshold", defaultValue = "" + PromptInjectionDetector.DEFAULT_THRESHOLD,
        description = "score at which a line is flagged (default: ${DEFAULT-VALUE})")
    double threshold;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      try (Reader in = open(jsonl)) {
        if (rulesOnly) {
          BatchChecks.detectInjection(in, out, PromptInjectionDetector.rulesOnly().withThreshold(threshold));
          return 0;
        }
        if (noEncoder) {
          BatchChecks.detectInjection(in, out, PromptInjectionDetector.defaults().withThreshold(threshold));
          return 0;
        }
        try (OnnxEmbeddingModel encoder = OnnxEmbeddingModel.allMiniLmL6V2()) {
          BatchChecks.detectInjection(in, out,
              PromptInjectionDetector.of(EncoderInjectionClassifier.of(encoder), threshold));
        }
      }
      return 0;
    }
  }

  static Reader open(String file) throws IOException {
    return file.equals("-") ? new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)
        : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
  }
}
