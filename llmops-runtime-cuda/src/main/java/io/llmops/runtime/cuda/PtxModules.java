package io.llmops.runtime.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The PTX shipped in the jar: one file per CUDA source and target architecture, under
 * {@code io/llmops/runtime/cuda/ptx/}. They are generated from {@code src/main/cuda} by {@code build-ptx.sh}
 * (see the module README) and committed, so building the jar needs no CUDA toolkit.
 *
 * <p>A device runs the PTX of the highest architecture not above its own: the driver JIT-compiles PTX forward
 * (sm_90 PTX runs on sm_100 and sm_120; sm_80 PTX on sm_86 and sm_89). The PTX declares the oldest ISA version that
 * assembles it ({@link Arch#isa()}), so drivers from CUDA 11.0 (sm_80) and 11.8 (sm_90) on accept it.
 *
 * <p>Stateless and thread-safe.
 */
final class PtxModules {
  private PtxModules() {}

  /** Resource folder of the PTX files and their source manifest. */
  static final String FOLDER = "io/llmops/runtime/cuda/ptx/";

  /** The target architectures, oldest first. */
  enum Arch {
    SM_80(80, "7.0"),
    SM_90(90, "7.8");

    private final int sm;
    private final String isa;

    Arch(int sm, String isa) {
      this.sm = sm;
      this.isa = isa;
    }

    int sm() {
      return sm;
    }

    /** The PTX ISA version the files declare: the first that supports the target. */
    String isa() {
      return isa;
    }
  }

  /** The kernel sources, each a PTX module, and the entry points each exports. */
  enum Module {
    MATMUL("llmops_matmul", List.of("llmops_matvec_f32", "llmops_matmul_f32", "llmops_matvec_f16",
        "llmops_matmul_f16", "llmops_matvec_bf16", "llmops_matmul_bf16", "llmops_matvec_q8_0", "llmops_matmul_q8_0",
        "llmops_matvec_q4_0", "llmops_matmul_q4_0", "llmops_matvec_q4_k", "llmops_matmul_q4_k", "llmops_matvec_q6_k",
        "llmops_matmul_q6_k")),
    OPS("llmops_ops", List.of("llmops_embed", "llmops_rms_norm", "llmops_add_bias", "llmops_add", "llmops_silu_mul",
        "llmops_rope", "llmops_gather_rows", "llmops_softmax", "llmops_argmax", "llmops_top_k")),
    ATTENTION("llmops_attention", List.of("llmops_kv_store", "llmops_attention"));

    private final String source;
    private final List<String> kernels;

    Module(String source, List<String> kernels) {
      this.source = source;
      this.kernels = kernels;
    }

    /** The CUDA source's base name ({@code .cu} in src/main/cuda). */
    String source() {
      return source;
    }

    List<String> kernels() {
      return kernels;
    }

    String resource(Arch arch) {
      return FOLDER + source + ".sm_" + arch.sm() + ".ptx";
    }
  }

  /**
   * Picks the PTX for a device.
   *
   * @param major compute capability major
   * @param minor compute capability minor
   * @return the highest architecture not above the device's
   * @throws IllegalArgumentException if the device is older than every bundled target
   */
  static Arch archFor(int major, int minor) {
    int sm = major * 10 + minor;
    Arch best = null;
    for (Arch a : Arch.values()) {
      if (a.sm() <= sm) {
        best = a;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("compute capability " + major + "." + minor + " is below sm_"
          + Arch.values()[0].sm() + ", the oldest target of the bundled kernels");
    }
    return best;
  }

  /**
   * Reads a PTX file, NUL-terminated as {@code cuModuleLoadData} expects.
   *
   * @param module the module
   * @param arch the architecture
   * @return the bytes
   * @throws IllegalStateException if the jar lacks the file
   */
  static byte[] ptx(Module module, Arch arch) {
    String name = module.resource(arch);
    try (InputStream in = PtxModules.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("kernel PTX " + name + " is missing from the class path");
      }
      byte[] text = in.readAllBytes();
      byte[] z = new byte[text.length + 1];
      System.arraycopy(text, 0, z, 0, text.length);
      return z;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name, e);
    }
  }
}
