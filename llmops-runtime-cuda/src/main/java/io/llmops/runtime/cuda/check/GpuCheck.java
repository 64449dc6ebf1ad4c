package io.llmops.runtime.cuda.check;

import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.gguf.GgufWriter;
import io.llmops.runtime.cpu.model.Batch;
import io.llmops.runtime.cpu.model.CpuTensorOps;
import io.llmops.runtime.cpu.model.LlamaModel;
import io.llmops.runtime.cpu.model.TensorOps.KvCache;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.Quantization;
import io.llmops.runtime.cuda.CudaModels;
import io.llmops.runtime.cuda.CudaRuntimeProvider;
import io.llmops.runtime.cuda.CudaTensorOps;
import io.llmops.spi.Availability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The GPU check, run by {@code gpu-check/run-on-device.sh}: probe, op conformance against the CPU backend,
 * stories260K greedy decoding against llama.cpp, and throughput on synthetic 1B-shape Q8_0 and Q4_0 models.
 *
 * <p>Usage: {@code GpuCheck SHARED_DIR [WORK_DIR]} where SHARED_DIR holds {@code models/stories260K.gguf} and
 * {@code reference/stories260K_greedy.txt}. Exit status: 0 all passed, 1 a check failed, 3 no usable CUDA device
 * (the reason is printed; nothing else runs).
 *
 * @since 0.1.0
 */
public final class GpuCheck {
  private GpuCheck() {}

  /**
   * Runs the check.
   *
   * @param args the shared folder and an optional scratch folder for the synthetic models
   * @throws Exception on an unexpected failure
   */
  public static void main(String[] args) throws Exception {
    Path shared = Path.of(args.length > 0 ? args[0] : "/work/shared");
    Path work = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
    Availability a = new CudaRuntimeProvider().probe();
    System.out.println("probe: " + a.reason());
    if (a.reason().startsWith("no CUDA") || a.reason().startsWith("CUDA device unusable")
        || a.reason().startsWith("CUDA probe failed")) {
      System.out.println("RESULT: no usable CUDA device; GPU checks not run");
      System.exit(3);
    }
    List<String> failures = new ArrayList<>();
    System.out.println("== ops vs CPU backend");
    try (CpuTensorOps cpu = CpuTensorOps.create(Math.min(8, Runtime.getRuntime().availableProcessors()));
        CudaTensorOps gpu = CudaTensorOps.create(0)) {
      System.out.println("device: " + gpu.device());
      failures.addAll(new OpsConformance(cpu, gpu).run());
    }
    System.out.println("== stories260K greedy 32 tokens vs llama.cpp");
    failures.addAll(stories(shared));
    System.out.println("== throughput, synthetic 1B shape (dim 2048, 16 layers, 32/8 heads, ffn 8192, vocab 32000)");
    for (GgmlType t : List.of(GgmlType.Q8_0, GgmlType.Q4_0)) {
      throughput(synthetic(work, t));
    }
    System.out.println(failures.isEmpty() ? "RESULT: PASS" : "RESULT: FAIL " + failures);
    System.exit(failures.isEmpty() ? 0 : 1);
  }

  private static List<String> stories(Path shared) throws IOException {
    List<String> lines = Files.readAllLines(shared.resolve("reference/stories260K_greedy.txt"));
    int[] prompt = ids(lines, "prompt_ids:");
    int[] expected = ids(lines, "greedy_ids:");
    try (GgufFile gguf = GgufFile.open(shared.resolve("models/stories260K.gguf"));
        LlamaModel model = CudaModels.load(gguf, 64, 1, 0)) {
      CudaTensorOps ops = (CudaTensorOps) model.ops();
      KvCache cache = model.newKvCache(64);
      float[] logits = new float[model.config().vocab()];
      Batch b = new Batch();
      for (int i = 0; i < prompt.length; i++) {
        b.add(prompt[i], i, cache, i == prompt.length - 1);
      }
      int[] got = new int[expected.length];
      int pos = prompt.length;
      for (int i = 0; i < got.length; i++) {
        model.forward(b, (idx, l) -> System.arraycopy(l, 0, logits, 0, l.length));
        got[i] = argmax(logits);
        b.clear();
        b.add(got[i], pos++, cache, true);
      }
      boolean ok = Arrays.equals(got, expected);
      System.out.printf(Locale.ROOT, "  %-4s greedy ids %s%n", ok ? "ok" : "FAIL", ok ? "identical"
          : Arrays.toString(got) + " expected " + Arrays.toString(expected));
      System.out.println("  (device " + ops.device().name() + ")");
      return ok ? List.of() : List.of("stories260K greedy ids differ");
    }
  }

  private static void throughput(Path file) {
    try (GgufFile gguf = GgufFile.open(file); LlamaModel model = CudaModels.load(gguf, 1024, 1, 0)) {
      KvCache cache = model.newKvCache(1024);
      SplittableRandom r = new SplittableRandom(1);
      Batch b = new Batch();
      int prompt = 512;
      for (int i = 0; i < prompt; i++) {
        b.add(r.nextInt(model.config().vocab()), i, cache, i == prompt - 1);
      }
      model.forward(b, (i, l) -> { }); // warm-up: JIT of the PTX happened at load; this warms the caches
      long t0 = System.nanoTime();
      model.forward(b, (i, l) -> { });
      long prefill = System.nanoTime() - t0;
      int decode = 64;
      int[] next = {1};
      t0 = System.nanoTime();
      for (int i = 0; i < decode; i++) {
        b.clear();
        b.add(next[0], prompt + i, cache, true);
        model.forward(b, (idx, l) -> next[0] = argmax(l));
      }
      long dec = System.nanoTime() - t0;
      System.out.printf(Locale.ROOT, "  %s: prefill %d tokens %.0f tok/s, decode %d tokens %.1f tok/s%n",
          file.getFileName(), prompt, prompt / (prefill / 1e9), decode, decode / (dec / 1e9));
    } catch (RuntimeException e) {
      System.out.println("  FAIL " + file.getFileName() + ": " + e);
    }
  }

  /** Writes a llama model of the 1B shape with random weights; the per-layer tensors share their bytes. */
  static Path synthetic(Path dir, GgmlType type) throws IOException {
    Path file = dir.resolve("synthetic-1b-" + type.name().toLowerCase(Locale.ROOT) + ".gguf");
    if (Files.exists(file)) {
      return file;
    }
    int dim = 2048;
    int kv = 512;
    int ffn = 8192;
    int vocab = 32000;
    SplittableRandom r = new SplittableRandom(7);
    GgufWriter w = GgufWriter.create().putString("general.architecture", "llama")
        .putUInt32("llama.embedding_length", dim).putUInt32("llama.block_count", 16)
        .putUInt32("llama.attention.head_count", 32).putUInt32("llama.attention.head_count_kv", 8)
        .putUInt32("llama.feed_forward_length", ffn).putUInt32("llama.context_length", 4096)
        .putFloat32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
    float[] ones = new float[dim];
    Arrays.fill(ones, 1f);
    byte[] sq = random(type, dim, dim, r);
    byte[] kvm = random(type, kv, dim, r);
    byte[] up = random(type, ffn, dim, r);
    byte[] down = random(type, dim, ffn, r);
    w.tensor("token_embd.weight", type, random(type, vocab, dim, r), dim, vocab);
    w.tensor("output_norm.weight", ones, dim);
    for (int l = 0; l < 16; l++) {
      String p = "blk." + l + ".";
      w.tensor(p + "attn_norm.weight", ones, dim).tensor(p + "ffn_norm.weight", ones, dim)
          .tensor(p + "attn_q.weight", type, sq, dim, dim).tensor(p + "attn_k.weight", type, kvm, dim, kv)
          .tensor(p + "attn_v.weight", type, kvm, dim, kv).tensor(p + "attn_output.weight", type, sq, dim, dim)
          .tensor(p + "ffn_gate.weight", type, up, dim, ffn).tensor(p + "ffn_up.weight", type, up, dim, ffn)
          .tensor(p + "ffn_down.weight", type, down, ffn, dim);
    }
    w.writeTo(file);
    return file;
  }

  private static byte[] random(GgmlType type, int rows, int cols, SplittableRandom r) {
    float[] f = new float[rows * cols];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) (r.nextGaussian() * 0.02);
    }
    return Quantization.quantize(type, f);
  }

  private static int[] ids(List<String> lines, String prefix) {
    String l = lines.stream().filter(s -> s.startsWith(prefix)).findFirst().orElseThrow();
    return Arrays.stream(l.substring(prefix.length()).trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
  }

  static int argmax(float[] a) {
    int best = 0;
    for (int i = 1; i < a.length; i++) {
      if (a[i] > a[best]) {
        best = i;
      }
    }
    return best;
  }
}
