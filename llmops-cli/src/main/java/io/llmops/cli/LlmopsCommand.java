package io.llmops.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code llmops} command: run, inspect, guard and evaluate models from a shell. Flags follow llama.cpp's where
 * they overlap ({@code -m}, {@code -p}, {@code -n}, {@code -t}, {@code --temp}, {@code --seed}), so scripts written
 * for one work with the other. Results go to standard output, timings and diagnostics to standard error.
 *
 * <p>Not thread-safe; one instance per invocation.
 *
 * @since 0.1.0
 */
@Command(name = "llmops", mixinStandardHelpOptions = true, versionProvider = LlmopsCommand.Version.class,
    description = "Run, guard, trace and evaluate LLMs in your own JVM.",
    subcommands = {RuntimesCommand.class, GenerateCommand.class, ChatCommand.class, EvalCommand.class, BiasCommand.class,
        GuardCommand.class,
        InspectCommand.class, TokenizeCommand.class, PullCommand.class,
        CommandLine.HelpCommand.class})
public final class LlmopsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Creates the command. */
  public LlmopsCommand() {}

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Runs the CLI and returns its exit code (for tests and embedding).
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code: 0 on success, 1 on a failed command, 2 on bad usage
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new LlmopsCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("llmops: " + e.getMessage());
      cmd.getErr().flush();
      return 1;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The entry point.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = LlmopsCommand.class.getPackage().getImplementationVersion();
      return new String[] {"llmops " + (v == null ? "(development build)" : v)};
    }
  }
}
