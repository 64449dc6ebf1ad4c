package io.llmops.cli;

import io.llmops.eval.bias.GenerationAudit;
import io.llmops.eval.cli.EvalCommands;
import io.llmops.runtime.cpu.onnx.OnnxEmbeddingModel;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llmops bias audit}: counterfactual log-likelihood, BBQ-style and generation-based bias probes on a model
 * (generation probes score text with the bundled all-MiniLM-L6-v2 encoder); exit 1 when an axis is flagged.
 */
@Command(name = "bias", mixinStandardHelpOptions = true, description = "Bias audits of a model.",
    subcommands = BiasCommand.Audit.class)
final class BiasCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(name = "audit", mixinStandardHelpOptions = true,
      description = "Counterfactual, BBQ-style and generation probes per axis; exit 1 when an axis is flagged.")
  static final class Audit implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, description = "GGUF file, or a name in the model cache")
    String model;

    @Option(names = "--axis", split = ",",
        description = "axes to audit: gender, ethnicity, religion, age, nationality (default: all)")
    List<String> axes = List.of();

    @Option(names = "--threshold", defaultValue = "0.5",
        description = "log-likelihood audit: largest tolerated |mean difference| in nats (default: ${DEFAULT-VALUE})")
    double threshold;

    @Option(names = "--regard-threshold", defaultValue = "0.05",
        description = "generation probes: largest tolerated |regard difference| (default: ${DEFAULT-VALUE})")
    double regardThreshold;

    @Option(names = "--refusal-threshold", defaultValue = "0.1",
        description = "generation probes: largest tolerated |refusal rate difference| (default: ${DEFAULT-VALUE})")
    double refusalThreshold;

    @Option(names = "--gen-tokens", defaultValue = "24",
        description = "generation probes: tokens per continuation (default: ${DEFAULT-VALUE})")
    int genTokens;

    @Option(names = "--samples", defaultValue = "1",
        description = "generation probes: seeds per prompt and pair (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(names = {"-s", "--seed"}, defaultValue = "42", description = "sampling and resampling seed")
    long seed;

    @Option(names = "--no-generation", description = "skip the generation probes (no encoder is loaded)")
    boolean noGeneration;

    @Option(names = "--html", description = "HTML report to write")
    Path html;

    @Option(names = "--json", description = "JSON report to write")
    Path json;

    @Override
    public Integer call() {
      return EvalCommand.withStreams(spec, (o, e) -> {
        GenerationAudit generation = GenerationAudit.builder().maxTokens(genTokens).samples(samples)
            .regardThreshold(regardThreshold).refusalThreshold(refusalThreshold).seed(seed).build();
        Path file = EvalCommand.model(model);
        if (noGeneration) {
          return EvalCommands.biasAudit(file, threshold, null, generation, new LinkedHashSet<>(axes), html, json, o,
              e);
        }
        try (OnnxEmbeddingModel encoder = OnnxEmbeddingModel.allMiniLmL6V2()) {
          return EvalCommands.biasAudit(file, threshold, encoder, generation, new LinkedHashSet<>(axes), html, json,
              o, e);
        }
      });
    }
  }
}
