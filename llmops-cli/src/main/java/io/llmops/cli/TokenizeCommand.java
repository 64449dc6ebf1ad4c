package io.llmops.cli;

import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.tokenizer.GgufTokenizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llmops tokenize -m FILE [--no-bos] (TEXT | --file F)}: the token ids, space-separated on one line. Works on
 * vocabulary-only GGUF files too.
 */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
    description = "Print the token ids of a text, space-separated on one line.")
final class TokenizeCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, description = "GGUF file, or a name in the model cache")
  String model;

  @Option(names = "--no-bos", description = "do not add the model's automatic special tokens (BOS)")
  boolean noBos;

  @Option(names = "--parse-special", description = "parse special-token text such as <|im_start|>")
  boolean parseSpecial;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Parameters(index = "0", description = "the text")
    String text;

    @Option(names = {"-f", "--file"}, description = "read the text from a file (UTF-8)")
    Path file;
  }

  @Override
  public Integer call() throws IOException {
    String text = input.file != null ? Files.readString(input.file, StandardCharsets.UTF_8) : input.text;
    try (GgufFile file = GgufFile.open(ModelCache.fromEnvironment(System.getenv()).resolve(model))) {
      int[] ids = GgufTokenizer.from(file).encode(text, !noBos, parseSpecial);
      StringJoiner line = new StringJoiner(" ");
      for (int id : ids) {
        line.add(Integer.toString(id));
      }
      spec.commandLine().getOut().println(line);
    }
    return 0;
  }
}
