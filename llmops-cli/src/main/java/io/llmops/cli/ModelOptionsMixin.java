package io.llmops.cli;

import io.llmops.ModelLoader;
import io.llmops.Models;
import io.llmops.model.LanguageModel;
import io.llmops.model.SamplingParameters;
import java.util.List;
import picocli.CommandLine.Option;

/** The model and sampling flags shared by {@code generate} and {@code chat}, named as llama.cpp names them. */
final class ModelOptionsMixin {
  @Option(names = {"-m", "--model"}, required = true, description = "GGUF file, or a name in the model cache")
  String model;

  @Option(names = {"-t", "--threads"}, description = "worker threads (default: available processors)")
  Integer threads;

  @Option(names = {"-c", "--ctx-size"}, defaultValue = "0",
      description = "context length (default: the model's, capped at 4096)")
  int contextLength;

  @Option(names = "--runtime", description = "force a runtime by name, e.g. cpu (default: the best available)")
  String runtime;

  @Option(names = {"-n", "--max-tokens", "--n-predict"}, defaultValue = "128",
      description = "tokens to generate (default: ${DEFAULT-VALUE})")
  int maxTokens;

  @Option(names = {"--temp", "--temperature"}, defaultValue = "0.8",
      description = "temperature, 0 = greedy (default: ${DEFAULT-VALUE})")
  double temperature;

  @Option(names = "--top-k", defaultValue = "40", description = "top-k, 0 = off (default: ${DEFAULT-VALUE})")
  int topK;

  @Option(names = "--top-p", defaultValue = "0.95", description = "top-p, 1 = off (default: ${DEFAULT-VALUE})")
  double topP;

  @Option(names = "--min-p", defaultValue = "0.05", description = "min-p, 0 = off (default: ${DEFAULT-VALUE})")
  double minP;

  @Option(names = "--repeat-penalty", defaultValue = "1.0", description = "1 = off (default: ${DEFAULT-VALUE})")
  double repeatPenalty;

  @Option(names = "--repeat-last-n", defaultValue = "64", description = "penalty window (default: ${DEFAULT-VALUE})")
  int repeatLastN;

  @Option(names = "--presence-penalty", defaultValue = "0", description = "0 = off")
  double presencePenalty;

  @Option(names = "--frequency-penalty", defaultValue = "0", description = "0 = off")
  double frequencyPenalty;

  @Option(names = {"-s", "--seed"}, description = "random seed (default: a fresh one per run)")
  Long seed;

  @Option(names = "--stop", description = "stop sequence (repeatable)")
  List<String> stop = List.of();

  SamplingParameters sampling() {
    SamplingParameters.Builder b = SamplingParameters.builder().maxTokens(maxTokens).temperature(temperature)
        .topK(topK).topP(topP).minP(minP).repetitionPenalty(repeatPenalty).penaltyLastN(repeatLastN)
        .presencePenalty(presencePenalty).frequencyPenalty(frequencyPenalty).stopSequences(stop);
    if (seed != null) {
      b.seed(seed);
    }
    return b.build();
  }

  ModelLoader loader() {
    ModelLoader loader = Models.loader().contextLength(contextLength).runtime(runtime);
    if (threads != null) {
      loader.threads(threads);
    }
    return loader;
  }

  LanguageModel load(ModelLoader loader) {
    return loader.load(ModelCache.fromEnvironment(System.getenv()).resolve(model));
  }
}
