package io.llmops.runtime.cpu.gguf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.llmops.ModelLoadException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes {@link GgufFile#open}: any input must either open (and every tensor map to exactly its size) or fail with a
 * {@link ModelLoadException}; any other exception, an OOM or a hang is a finding.
 *
 * <p>{@code ./mvnw verify} runs this in regression mode over the committed inputs in {@code
 * src/test/resources/io/llmops/runtime/cpu/gguf/GgufFuzzTestInputs/fuzzOpen/}. A real fuzzing session (new findings
 * are written to that directory):
 *
 * <pre>
 * JAZZER_FUZZ=1 ./mvnw -pl llmops-runtime-cpu -am verify -Dllmops.skipPublish=true \
 *     -Dtest=GgufFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=120s
 * </pre>
 */
class GgufFuzzTest {
  private static final Path FILE;

  static {
    try {
      FILE = Files.createTempFile("gguf-fuzz", ".gguf");
      FILE.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "2m")
  void fuzzOpen(byte[] data) throws IOException {
    Files.write(FILE, data);
    try (GgufFile f = GgufFile.open(FILE)) {
      for (GgufTensorInfo t : f.tensors()) {
        ByteBuffer b = f.tensorData(t);
        if (b.remaining() != t.byteSize()) {
          throw new AssertionError("tensor " + t.name() + " maps " + b.remaining() + " bytes");
        }
      }
      GgufInspector.inspect(f, 4);
    } catch (ModelLoadException expected) {
      // the only acceptable failure
    }
  }
}
