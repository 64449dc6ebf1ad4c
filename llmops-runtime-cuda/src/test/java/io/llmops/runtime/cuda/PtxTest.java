package io.llmops.runtime.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed PTX: current with the sources, complete, and reproducible with nvcc. */
class PtxTest {

  @Test
  void committedPtxWasBuiltFromTheCurrentSources() throws Exception {
    StringBuilder expected = new StringBuilder();
    List<Path> sources;
    try (Stream<Path> s = Files.list(Nvcc.SOURCES)) {
      sources = s.filter(p -> p.toString().endsWith(".cu") || p.toString().endsWith(".cuh")).sorted().toList();
    }
    for (Path p : sources) {
      expected.append(sha256(Files.readAllBytes(p))).append("  ").append(p.getFileName()).append('\n');
    }
    assertThat(Files.readString(Nvcc.PTX.resolve("SOURCES.sha256")))
        .as("src/main/cuda changed: run src/main/cuda/build-ptx.sh (or the Maven build with nvcc) and commit the PTX")
        .isEqualTo(expected.toString());
  }

  @Test
  void everyModuleExportsItsKernelsForEveryTarget() throws IOException {
    for (PtxModules.Module m : PtxModules.Module.values()) {
      for (PtxModules.Arch a : PtxModules.Arch.values()) {
        String ptx = new String(PtxModules.ptx(m, a), StandardCharsets.US_ASCII);
        assertThat(ptx).contains(".version " + a.isa() + "\n").contains(".target sm_" + a.sm() + "\n");
        for (String k : m.kernels()) {
          assertThat(ptx).as(m + " " + a).contains(".entry " + k + "(");
        }
        assertThat(ptx.split("\\.entry ", -1)).as("no unlisted entry points").hasSize(m.kernels().size() + 1);
      }
    }
  }

  @Test
  void archSelectionRunsTheNewestTargetNotAboveTheDevice() {
    assertThat(PtxModules.archFor(8, 0)).isEqualTo(PtxModules.Arch.SM_80);
    assertThat(PtxModules.archFor(8, 9)).isEqualTo(PtxModules.Arch.SM_80);
    assertThat(PtxModules.archFor(9, 0)).isEqualTo(PtxModules.Arch.SM_90);
    assertThat(PtxModules.archFor(12, 0)).isEqualTo(PtxModules.Arch.SM_90);
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> PtxModules.archFor(7, 5))
        .withMessageContaining("7.5").withMessageContaining("sm_80");
  }

  /** Compiles every kernel with nvcc for sm_80 and sm_90 and assembles each with ptxas at its declared ISA. */
  @Test
  void nvccCompilesEveryKernelAndTheCommittedPtxIsReproducible(@TempDir Path out) throws Exception {
    Nvcc.require();
    Nvcc.run(Nvcc.SOURCES, List.of("bash", "build-ptx.sh", "--force", "--out", out.toAbsolutePath().toString()));
    List<String> mismatched = new ArrayList<>();
    boolean sameCompiler = Files.readString(out.resolve("NVCC_VERSION"))
        .equals(Files.readString(Nvcc.PTX.resolve("NVCC_VERSION")));
    for (PtxModules.Module m : PtxModules.Module.values()) {
      for (PtxModules.Arch a : PtxModules.Arch.values()) {
        Path fresh = out.resolve(Path.of(m.resource(a)).getFileName());
        assertThat(fresh).exists();
        if (sameCompiler && !Files.readString(fresh).equals(Files.readString(Path.of("src/main/resources",
            m.resource(a))))) {
          mismatched.add(fresh.getFileName().toString());
        }
      }
    }
    assertThat(mismatched).as("committed PTX differs from a fresh build with the same nvcc").isEmpty();
  }

  static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
