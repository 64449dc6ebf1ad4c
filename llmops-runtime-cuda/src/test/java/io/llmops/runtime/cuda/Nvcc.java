package io.llmops.runtime.cuda;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test helper: finds nvcc (skips locally without it, fails on CI where it must exist) and runs tools. */
final class Nvcc {
  static final Path SOURCES = Path.of("src/main/cuda");
  static final Path PTX = Path.of("src/main/resources/io/llmops/runtime/cuda/ptx");

  private Nvcc() {}

  static boolean present() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "nvcc"))) {
        return true;
      }
    }
    return false;
  }

  static void require() {
    if (!present()) {
      if (System.getenv("CI") != null) {
        fail("nvcc is not on the PATH of this CI machine; the kernel compile tests must run in CI");
      }
      assumeTrue(false, "nvcc not on the PATH: kernel compile tests skipped (install the CUDA toolkit to run them)");
    }
  }

  /** Runs a command, returns its output, fails the test on a non-zero exit. */
  static String run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("timed out: " + command);
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      fail(command + " exited with " + p.exitValue() + ":\n" + text);
    }
    return text;
  }
}
