package io.llmops.cli;

import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.gguf.GgufInspector;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llmops inspect -m FILE}: the metadata and tensor table of a GGUF file. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = "Print the metadata and tensor table of a GGUF file.")
final class InspectCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = {"-m", "--model"}, required = true, description = "GGUF file, or a name in the model cache")
  String model;

  @Option(names = "--max-array", defaultValue = "16",
      description = "array elements shown before summarising (default: ${DEFAULT-VALUE})")
  int maxArray;

  @Override
  public Integer call() {
    try (GgufFile file = GgufFile.open(ModelCache.fromEnvironment(System.getenv()).resolve(model))) {
      spec.commandLine().getOut().print(GgufInspector.inspect(file, maxArray));
    }
    return 0;
  }
}
