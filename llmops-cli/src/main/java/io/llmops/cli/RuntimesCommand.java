package io.llmops.cli;

import io.llmops.spi.RuntimeDiscovery;
import io.llmops.spi.RuntimeStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code llmops runtimes}: every runtime provider found, its priority, and whether it can run here and why not. */
@Command(name = "runtimes", mixinStandardHelpOptions = true,
    description = "List the runtime providers found on the class path and whether each can run on this machine.")
final class RuntimesCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<RuntimeStatus> statuses = RuntimeDiscovery.ofContextClassLoader().statuses();
    if (statuses.isEmpty()) {
      out.println("no runtime provider found; add llmops-runtime-cpu to the class path");
      return 1;
    }
    String forced = System.getProperty(RuntimeDiscovery.RUNTIME_PROPERTY);
    String selected = null;
    for (RuntimeStatus s : statuses) {
      boolean chosen = forced != null ? s.name().equalsIgnoreCase(forced.trim()) && s.available()
          : selected == null && s.available();
      if (chosen && selected == null) {
        selected = s.name();
      }
    }
    out.printf("%-3s %-10s %-9s %-12s %s%n", "", "RUNTIME", "PRIORITY", "STATUS", "DETAILS");
    for (RuntimeStatus s : statuses) {
      out.printf("%-3s %-10s %-9s %-12s %s%n", s.name().equals(selected) ? "*" : "", s.name(),
          s.priority() == Integer.MIN_VALUE ? "?" : String.valueOf(s.priority()),
          s.available() ? "available" : "unavailable", s.reason());
    }
    out.println(selected == null ? "no runtime can run here" : "* = selected"
        + (forced != null ? " (forced by -D" + RuntimeDiscovery.RUNTIME_PROPERTY + ")" : " (highest priority)"));
    return selected == null ? 1 : 0;
  }
}
