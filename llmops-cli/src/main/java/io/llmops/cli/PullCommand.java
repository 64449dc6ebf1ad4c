package io.llmops.cli;

import io.llmops.InvalidRequestException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code llmops pull owner/repo/file.gguf}: downloads a GGUF from a Hugging Face-style endpoint into the model cache
 * ({@code ~/.cache/llmops/models/owner/repo/file.gguf}), resuming and verifying SHA-256.
 */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = "Download a GGUF model into the local cache (resume, SHA-256 check).")
final class PullCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OWNER/REPO/FILE", description = "e.g. ggml-org/models/tinyllamas/stories260K.gguf")
  String name;

  @Option(names = "--revision", defaultValue = "main", description = "branch, tag or commit (default: ${DEFAULT-VALUE})")
  String revision;

  @Option(names = "--endpoint", description = "base URL (default: $HF_ENDPOINT or https://huggingface.co)")
  String endpoint;

  @Option(names = "--sha256", description = "expected SHA-256 (default: the digest the server publishes)")
  String sha256;

  PrintStream progress = System.err;

  @Override
  public Integer call() {
    String[] parts = name.split("/", 3);
    if (parts.length < 3 || parts[2].isBlank()) {
      throw new InvalidRequestException("expected OWNER/REPO/FILE, got '" + name + "'");
    }
    String base = endpoint != null ? endpoint : System.getenv().getOrDefault("HF_ENDPOINT", "https://huggingface.co");
    ModelCache cache = ModelCache.fromEnvironment(System.getenv());
    Path target = cache.root().resolve(name).normalize();
    if (!target.startsWith(cache.root().normalize())) {
      throw new InvalidRequestException("model name escapes the cache: " + name);
    }
    new ModelDownloader(URI.create(base), System.getenv("HF_TOKEN"), progress)
        .download(parts[0] + "/" + parts[1], revision, parts[2], target, sha256);
    spec.commandLine().getOut().println(target);
    return 0;
  }
}
