package io.llmops.cli;

import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.LanguageModel;
import io.llmops.model.StreamHandler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llmops generate -m FILE -p TEXT -n N --temp T --seed S -t THREADS}: streams only the generated text to
 * standard output; timings go to standard error.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Continue a prompt; the generated text streams to stdout, timings to stderr.")
final class GenerateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptionsMixin options;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Prompt prompt;

  static final class Prompt {
    @Option(names = {"-p", "--prompt"}, description = "the prompt")
    String text;

    @Option(names = {"-f", "--file"}, description = "read the prompt from a file (UTF-8)")
    Path file;
  }

  @Option(names = "--no-bos", description = "do not add BOS before the prompt")
  boolean noBos;

  @Override
  public Integer call() throws IOException {
    String text = prompt.file != null ? Files.readString(prompt.file, StandardCharsets.UTF_8) : prompt.text;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (LanguageModel model = options.load(options.loader())) {
      CompletionRequest request = CompletionRequest.builder(text).parameters(options.sampling())
          .addSpecialTokens(!noBos).build();
      CompletionResponse r = model.stream(request, StreamHandler.onToken(t -> {
        out.print(t.text());
        out.flush();
      })).await();
      out.println();
      out.flush();
      err.println(Timings.describe(r));
      return 0;
    }
  }
}
