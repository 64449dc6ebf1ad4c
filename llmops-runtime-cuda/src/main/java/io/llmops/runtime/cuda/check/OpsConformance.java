package io.llmops.runtime.cuda.check;

import io.llmops.runtime.cpu.model.Rope;
import io.llmops.runtime.cpu.model.TensorOps;
import io.llmops.runtime.cpu.model.TensorOps.Activations;
import io.llmops.runtime.cpu.model.TensorOps.AttentionShape;
import io.llmops.runtime.cpu.model.TensorOps.KvCache;
import io.llmops.runtime.cpu.model.TensorOps.Weight;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.Quantization;
import io.llmops.runtime.cuda.CudaTensorOps;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Runs every op on two backends through the {@link TensorOps} interface alone and compares the results: inputs
 * reach the device through {@link TensorOps#embed} of an F32 table (row i = input row i), outputs come back through
 * {@link TensorOps#read}. The CPU backend is the oracle (its kernels are tested against the scalar references).
 */
final class OpsConformance {
  private final TensorOps cpu;
  private final CudaTensorOps gpu;
  private final SplittableRandom random = new SplittableRandom(42);
  private final List<String> failures = new ArrayList<>();

  OpsConformance(TensorOps cpu, CudaTensorOps gpu) {
    this.cpu = cpu;
    this.gpu = gpu;
  }

  List<String> run() {
    for (GgmlType t : List.of(GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K,
        GgmlType.Q6_K)) {
      for (int n : new int[] {1, 5, 64}) {
        matMul(t, 300, 512, n);
      }
    }
    matMul(GgmlType.F32, 172, 64, 3); // a plain row that is not whole 32-element units
    matMul(GgmlType.F32, 64, 172, 9);
    elementwise();
    for (Rope.Mode mode : Rope.Mode.values()) {
      rope(mode);
    }
    attention();
    selection();
    return failures;
  }

  private void matMul(GgmlType type, int rows, int cols, int n) {
    float[] w = gaussian(rows * cols, 0.05);
    byte[] bytes = Quantization.quantize(type, w);
    Pair x = input(n, cols);
    Weight wc = cpu.weight("w", type, ByteBuffer.wrap(bytes), rows, cols);
    Weight wg = gpu.weight("w", type, ByteBuffer.wrap(bytes), rows, cols);
    Pair out = new Pair(cpu.activations(n, rows), gpu.activations(n, rows));
    cpu.matMul(wc, x.c, n, out.c);
    gpu.matMul(wg, x.g, n, out.g);
    compare("matMul " + type + " " + rows + "x" + cols + " n=" + n, out, n, 2e-4);
  }

  private void elementwise() {
    int n = 7;
    int width = 96;
    Pair x = input(n, width);
    Pair y = input(n, width);
    float[] g = gaussian(width, 1);
    Weight gc = cpu.weight("g", GgmlType.F32, f32(g), 1, width);
    Weight gg = gpu.weight("g", GgmlType.F32, f32(g), 1, width);
    cpu.rmsNorm(x.c, n, gc, 1e-5f, y.c);
    gpu.rmsNorm(x.g, n, gg, 1e-5f, y.g);
    compare("rmsNorm", y, n, 1e-5);
    cpu.add(x.c, y.c, n);
    gpu.add(x.g, y.g, n);
    compare("add", x, n, 1e-6);
    cpu.addBias(x.c, n, gc);
    gpu.addBias(x.g, n, gg);
    compare("addBias", x, n, 1e-6);
    cpu.siluMul(x.c, y.c, n);
    gpu.siluMul(x.g, y.g, n);
    compare("siluMul", x, n, 1e-5);
    Pair picked = new Pair(cpu.activations(3, width), gpu.activations(3, width));
    int[] rows = {6, 0, 3};
    cpu.gatherRows(x.c, rows, 3, picked.c);
    gpu.gatherRows(x.g, rows, 3, picked.g);
    compare("gatherRows", picked, 3, 0);
  }

  private void rope(Rope.Mode mode) {
    int n = 6;
    int heads = 4;
    int headDim = 64;
    Rope rope = new Rope(mode, headDim, 48, 10000f, 1f, null); // partial rotation: 48 of 64 dims
    Pair x = input(n, heads * headDim);
    int[] pos = {0, 1, 2, 100, 4095, 70000};
    cpu.rope(x.c, n, heads, pos, rope);
    gpu.rope(x.g, n, heads, pos, rope);
    compare("rope " + mode, x, n, 1e-5);
  }

  private void attention() {
    AttentionShape shape = new AttentionShape(8, 2, 64);
    int qw = shape.heads() * shape.headDim();
    int kvw = shape.kvHeads() * shape.headDim();
    KvCache kc = cpu.kvCache(2, kvw, 128);
    KvCache kg = gpu.kvCache(2, kvw, 128);
    int prompt = 37;
    for (int step = 0; step < 4; step++) {
      int n = step == 0 ? prompt : 1;
      int start = step == 0 ? 0 : prompt + step - 1;
      Pair q = input(n, qw);
      Pair k = input(n, kvw);
      Pair v = input(n, kvw);
      int[] pos = new int[n];
      KvCache[] cc = new KvCache[n];
      KvCache[] cg = new KvCache[n];
      for (int i = 0; i < n; i++) {
        pos[i] = start + i;
        cc[i] = kc;
        cg[i] = kg;
      }
      Pair out = new Pair(cpu.activations(n, qw), gpu.activations(n, qw));
      for (int layer = 0; layer < 2; layer++) {
        cpu.attention(layer, q.c, k.c, v.c, n, cc, pos, shape, out.c);
        gpu.attention(layer, q.g, k.g, v.g, n, cg, pos, shape, out.g);
      }
      // The GPU kernel does an online softmax in F32; the CPU rounds the weights to F16 as ggml does.
      compare("attention " + (step == 0 ? "prefill " + n : "decode at " + start), out, n, 2e-3);
    }
  }

  private void selection() {
    int width = 32000;
    Pair x = input(3, width);
    int[] ids = gpu.argmax(x.g, 3);
    float[] row = new float[width];
    for (int r = 0; r < 3; r++) {
      cpu.read(x.c, r, row, 0);
      int best = 0;
      for (int i = 1; i < width; i++) {
        if (row[i] > row[best]) {
          best = i;
        }
      }
      check("argmax row " + r, ids[r] == best, ids[r] + " vs " + best);
    }
    CudaTensorOps.TopK top = gpu.topK(x.g, 2, 40);
    cpu.read(x.c, 2, row, 0);
    boolean sorted = true;
    for (int i = 0; i < 40; i++) {
      sorted &= row[top.ids()[i]] == top.values()[i] && (i == 0 || top.values()[i] <= top.values()[i - 1]);
    }
    int above = 0;
    for (float f : row) {
      above += f > top.values()[39] ? 1 : 0;
    }
    check("topK 40", sorted && above == 39, "sorted=" + sorted + ", entries above the 40th: " + above);
  }

  private record Pair(Activations c, Activations g) {}

  private Pair input(int n, int width) {
    float[] data = gaussian(n * width, 1);
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      ids[i] = i;
    }
    Pair p = new Pair(cpu.activations(n, width), gpu.activations(n, width));
    if (n == 1) {
      // a one-row weight is a vector (gain or bias) to the backends: duplicate it so the table is a matrix
      float[] two = new float[2 * width];
      System.arraycopy(data, 0, two, 0, width);
      data = two;
    }
    int rows = Math.max(2, n);
    cpu.embed(cpu.weight("x", GgmlType.F32, f32(data), rows, width), ids, n, p.c);
    gpu.embed(gpu.weight("x", GgmlType.F32, f32(data), rows, width), ids, n, p.g);
    return p;
  }

  private void compare(String what, Pair p, int n, double tolerance) {
    int width = p.c.width();
    float[] a = new float[width];
    float[] b = new float[width];
    double worst = 0;
    for (int r = 0; r < n; r++) {
      cpu.read(p.c, r, a, 0);
      gpu.read(p.g, r, b, 0);
      double scale = 0;
      for (float f : a) {
        scale = Math.max(scale, Math.abs(f));
      }
      for (int i = 0; i < width; i++) {
        double err = Math.abs(a[i] - b[i]) / Math.max(1e-6, scale);
        worst = Double.isNaN(b[i]) ? Double.POSITIVE_INFINITY : Math.max(worst, err);
      }
    }
    check(what, worst <= tolerance, String.format(Locale.ROOT, "max error %.2e of the row's largest value (limit "
        + "%.0e)", worst, tolerance));
  }

  private void check(String what, boolean ok, String detail) {
    System.out.printf(Locale.ROOT, "  %-4s %-40s %s%n", ok ? "ok" : "FAIL", what, detail);
    if (!ok) {
      failures.add(what + ": " + detail);
    }
  }

  private float[] gaussian(int n, double sigma) {
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) (random.nextGaussian() * sigma);
    }
    return f;
  }

  static ByteBuffer f32(float[] f) {
    return ByteBuffer.wrap(Quantization.quantize(GgmlType.F32, f));
  }
}
