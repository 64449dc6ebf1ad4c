package io.llmops.runtime.cpu.model;

import io.llmops.ModelLoadException;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.HalfFloats;
import io.llmops.runtime.cpu.tensor.IntRangeBody;
import io.llmops.runtime.cpu.tensor.WeightMatrix;
import io.llmops.runtime.cpu.tensor.WorkerPool;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The CPU backend of {@link TensorOps}: activations and KV caches are float arrays, weights are {@link WeightMatrix}
 * views of the mapped file, and the heavy ops (matrix products, attention) are split over a {@link WorkerPool}. The
 * light ones (norms, RoPE, residuals) are memory-bound and run on the calling thread. The KV cache is F16, as
 * llama.cpp's default {@code type_k/type_v}: half the memory of F32, and the same numerics as the reference outputs.
 *
 * <p>Not thread-safe: one engine thread drives it (see {@link TensorOps}). {@link #close()} closes the pool.
 *
 * @since 0.1.0
 */
public final class CpuTensorOps implements TensorOps {
  /** KV storage grows in steps of this many positions, so short conversations do not reserve the whole context. */
  private static final int KV_GROWTH = 256;
  /** Output rows per chunk: 16 floats = one cache line, so threads never write the same line. */
  private static final int ROW_GRAIN = 16;
  /** Smallest batch whose attention converts the sequence's cached keys and values to float once per layer. */
  private static final int BATCH_ATTENTION = 8;

  private final WorkerPool pool;
  /** Loop bodies reused by every call, so that a decode step allocates nothing (no capturing lambda per op). */
  private final MatVecBody matVecBody = new MatVecBody();
  private final FusedMatVecBody fusedBody = new FusedMatVecBody();
  private final AttentionBody attentionBody = new AttentionBody();
  private Rope ropeCached;
  private double[] ropeInverse;
  /** Float copies of one layer's cached keys and values, for batch attention ({@link #batchCache}). */
  private float[] batchK = new float[0];
  private float[] batchV = new float[0];
  private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[KV_GROWTH]);
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private int discoveryAttempts;

  private CpuTensorOps(WorkerPool pool) {
    this.pool = pool;
  }

  @Override
  public long cpuTimeNanos() {
    if (!mx.isThreadCpuTimeSupported()) {
      return 0;
    }
    threads.add(Thread.currentThread());
    if (threads.size() < pool.threads() && discoveryAttempts < 3) {
      discoveryAttempts++;
      discoverWorkers();
    }
    long sum = 0;
    for (Thread t : threads) {
      long n = mx.getThreadCpuTime(t.getId());
      sum += Math.max(0, n);
    }
    return sum;
  }

  /**
   * Learns which threads the pool runs on (it does not expose them): a loop of one index per thread where each
   * chunk waits, briefly, until all threads hold one, so every worker takes exactly one and records itself.
   */
  private void discoverWorkers() {
    int n = pool.threads();
    CyclicBarrier barrier = new CyclicBarrier(n);
    pool.parallelFor(n, (from, to) -> {
      threads.add(Thread.currentThread());
      try {
        barrier.await(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (BrokenBarrierException | TimeoutException e) {
        // A worker was slow to wake: we learn the others now and retry on a later call.
      }
    });
  }

  /**
   * Creates a backend with its own worker pool.
   *
   * @param threads the number of threads, at least 1
   * @return the backend; close it to stop the threads
   */
  public static CpuTensorOps create(int threads) {
    return new CpuTensorOps(new WorkerPool(threads));
  }

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public int threads() {
    return pool.threads();
  }

  @Override
  public Weight weight(String name, GgmlType type, ByteBuffer data, int rows, int cols) {
    try {
      return new CpuWeight(WeightMatrix.of(type, data, rows, cols), type);
    } catch (RuntimeException e) {
      throw new ModelLoadException("tensor " + name + ": cannot compute with type " + type + " (" + e.getMessage()
          + ")", e);
    }
  }

  @Override
  public Activations activations(int capacity, int width) {
    return new CpuActivations(capacity, width);
  }

  @Override
  public KvCache kvCache(int layers, int kvWidth, int capacity) {
    return new CpuKvCache(layers, kvWidth, capacity);
  }

  @Override
  public void embed(Weight table, int[] tokens, int n, Activations out) {
    CpuWeight w = (CpuWeight) table;
    float[] o = data(out);
    for (int i = 0; i < n; i++) {
      w.matrix.dequantizeRow(tokens[i], o, i * w.cols());
    }
  }

  @Override
  public void rmsNorm(Activations x, int n, Weight gain, float eps, Activations out) {
    float[] a = data(x);
    float[] o = data(out);
    float[] g = ((CpuWeight) gain).vector();
    int w = x.width();
    for (int r = 0; r < n; r++) {
      int base = r * w;
      // ggml_compute_forward_rms_norm_f32 accumulates the sum of squares in double (ggml_float).
      double sum = 0;
      for (int i = 0; i < w; i++) {
        sum += (double) a[base + i] * a[base + i];
      }
      float scale = (float) (1.0 / Math.sqrt((float) (sum / w) + eps));
      for (int i = 0; i < w; i++) {
        o[base + i] = a[base + i] * scale * g[i];
      }
    }
  }

  @Override
  public void matMul(Weight w, Activations x, int n, Activations out) {
    CpuWeight cw = (CpuWeight) w;
    if (n == 1) {
      MatVecBody body = matVecBody;
      body.matrix = cw.matrix;
      body.x = data(x);
      body.out = data(out);
      try {
        pool.parallelFor(cw.matrix.rows(), ROW_GRAIN, body);
      } finally {
        body.matrix = null;
        body.x = null;
        body.out = null;
      }
    } else {
      cw.matrix.matMul(data(x), n, data(out), pool);
    }
  }

  /** For one token, the products share one parallel loop over the rows of all matrices (fewer synchronisations). */
  @Override
  public void matMul(Weight[] ws, Activations x, int n, Activations[] outs) {
    if (n != 1 || ws.length > FusedMatVecBody.MAX) {
      TensorOps.super.matMul(ws, x, n, outs);
      return;
    }
    FusedMatVecBody body = fusedBody;
    int total = 0;
    for (int i = 0; i < ws.length; i++) {
      body.matrices[i] = ((CpuWeight) ws[i]).matrix;
      body.outs[i] = data(outs[i]);
      body.starts[i] = total;
      total += ws[i].rows();
    }
    body.starts[ws.length] = total;
    body.count = ws.length;
    body.x = data(x);
    try {
      pool.parallelFor(total, ROW_GRAIN, body);
    } finally {
      Arrays.fill(body.matrices, null);
      Arrays.fill(body.outs, null);
      body.x = null;
    }
  }

  @Override
  public void addBias(Activations x, int n, Weight bias) {
    float[] a = data(x);
    float[] b = ((CpuWeight) bias).vector();
    int w = x.width();
    for (int r = 0; r < n; r++) {
      for (int i = 0; i < w; i++) {
        a[r * w + i] += b[i];
      }
    }
  }

  @Override
  public void add(Activations x, Activations y, int n) {
    float[] a = data(x);
    float[] b = data(y);
    for (int i = 0, end = n * x.width(); i < end; i++) {
      a[i] += b[i];
    }
  }

  @Override
  public void rope(Activations x, int n, int heads, int[] positions, Rope rope) {
    float[] a = data(x);
    if (rope != ropeCached) { // Rope is a record that recomputes (and allocates) its table on every call
      ropeInverse = rope.inverseFrequencies();
      ropeCached = rope;
    }
    double[] inv = ropeInverse;
    int hd = rope.headDim();
    int half = rope.dims() / 2;
    boolean neox = rope.mode() == Rope.Mode.NEOX;
    int w = x.width();
    for (int r = 0; r < n; r++) {
      int p = positions[r];
      for (int i = 0; i < half; i++) {
        double theta = p * inv[i];
        float cos = (float) Math.cos(theta);
        float sin = (float) Math.sin(theta);
        for (int h = 0; h < heads; h++) {
          int base = r * w + h * hd;
          int i0 = neox ? base + i : base + 2 * i;
          int i1 = neox ? base + i + half : base + 2 * i + 1;
          float x0 = a[i0];
          float x1 = a[i1];
          a[i0] = x0 * cos - x1 * sin;
          a[i1] = x0 * sin + x1 * cos;
        }
      }
    }
  }

  @Override
  public void attention(int layer, Activations q, Activations k, Activations v, int n, KvCache[] caches,
      int[] positions, AttentionShape shape, Activations out) {
    int hd = shape.headDim();
    int kvW = shape.kvHeads() * hd;
    float[] ka = data(k);
    float[] va = data(v);
    for (int r = 0; r < n; r++) {
      CpuKvCache c = (CpuKvCache) caches[r];
      c.store(layer, positions[r], ka, va, r * kvW);
    }
    AttentionBody body = attentionBody;
    body.kf = null;
    body.vf = null;
    if (n >= BATCH_ATTENTION) {
      batchCache(layer, n, caches, positions, kvW, body);
    }
    body.layer = layer;
    body.qa = data(q);
    body.oa = data(out);
    body.caches = caches;
    body.positions = positions;
    body.heads = shape.heads();
    body.group = shape.heads() / shape.kvHeads();
    body.hd = hd;
    body.kvW = kvW;
    body.scale = (float) (1.0 / Math.sqrt(hd));
    try {
      pool.parallelFor(n * shape.heads(), body);
    } finally {
      body.caches = null;
      body.positions = null;
      body.kf = null;
      body.vf = null;
    }
  }

  /**
   * Prefill: when every row of a batch belongs to one sequence, converts that sequence's F16 keys and values of this
   * layer (positions up to the last row's) to float once, into {@code body.kf/vf} (keys transposed); otherwise leaves
   * them null.
   * Each cached element is then converted once per layer instead of once per query row and head ({@code n * heads}
   * times), and the loops over it become plain float loops.
   */
  private void batchCache(int layer, int n, KvCache[] caches, int[] positions, int kvW, AttentionBody body) {
    int len = 0;
    for (int r = 0; r < n; r++) {
      if (caches[r] != caches[0]) {
        return;
      }
      len = Math.max(len, positions[r] + 1);
    }
    CpuKvCache c = (CpuKvCache) caches[0];
    int size = len * kvW;
    if (batchK.length < size) {
      batchK = new float[Math.max(size, batchK.length * 2)];
      batchV = new float[batchK.length];
    }
    BatchAttention.keysTransposed(c.k[layer], batchK, len, kvW);
    BatchAttention.toFloat(c.v[layer], batchV, size);
    body.kf = batchK;
    body.vf = batchV;
    body.kStride = len;
  }

  /** The attention of rows x heads items; fields set by {@link #attention} before each loop. */
  private final class AttentionBody implements IntRangeBody {
    int layer;
    float[] qa;
    float[] oa;
    KvCache[] caches;
    int[] positions;
    int heads;
    int group;
    int hd;
    int kvW;
    float scale;
    /** The layer's keys and values as floats when the batch is one sequence ({@link #batchCache}), else null. */
    float[] kf;
    float[] vf;
    /** Positions per key column in {@link #kf} (keys are stored transposed, column-major). */
    int kStride;

    @Override
    public void run(int from, int to) {
      for (int item = from; item < to; item++) {
        int r = item / heads;
        int h = item % heads;
        CpuKvCache c = (CpuKvCache) caches[r];
        short[] kc = c.k[layer];
        short[] vc = c.v[layer];
        int len = positions[r] + 1;
        float[] s = scores(len + hd);
        int qo = r * heads * hd + h * hd;
        int ko = (h / group) * hd;
        // ggml multiplies an F16 cache with F16 operands: the query and the softmax weights are rounded to F16
        // (vec_dot_type of F16), with F32 accumulation. Doing the same keeps us within 1e-4 of llama.cpp.
        for (int i = 0; i < hd; i++) {
          s[len + i] = HalfFloats.toFloat(HalfFloats.fromFloat(qa[qo + i]));
        }
        if (kf != null) {
          BatchAttention.attend(s, len, hd, scale, kf, kStride, vf, ko, kvW, oa, qo);
          continue;
        }
        float max = Float.NEGATIVE_INFINITY;
        for (int p = 0; p < len; p++) {
          float dot = 0;
          int kb = p * kvW + ko;
          for (int i = 0; i < hd; i++) {
            dot += s[len + i] * HalfFloats.toFloat(kc[kb + i]);
          }
          s[p] = dot * scale;
          max = Math.max(max, s[p]);
        }
        float inv = BatchAttention.softmax(s, len, max);
        Arrays.fill(oa, qo, qo + hd, 0f);
        for (int p = 0; p < len; p++) {
          float wgt = HalfFloats.toFloat(HalfFloats.fromFloat(s[p] * inv));
          int vb = p * kvW + ko;
          for (int i = 0; i < hd; i++) {
            oa[qo + i] += wgt * HalfFloats.toFloat(vc[vb + i]);
          }
        }
      }
    }
  }

  private float[] scores(int len) {
    float[] s = scratch.get();
    if (s.length < len) {
      s = new float[Math.max(len, s.length * 2)];
      scratch.set(s);
    }
    return s;
  }

  @Override
  public void siluMul(Activations gate, Activations up, int n) {
    float[] g = data(gate);
    float[] u = data(up);
    for (int i = 0, end = n * gate.width(); i < end; i++) {
      float x = g[i];
      g[i] = x / (1f + (float) Math.exp(-x)) * u[i];
    }
  }

  @Override
  public void gatherRows(Activations src, int[] rows, int count, Activations dst) {
    float[] s = data(src);
    float[] d = data(dst);
    int w = src.width();
    for (int i = 0; i < count; i++) {
      System.arraycopy(s, rows[i] * w, d, i * w, w);
    }
  }

  @Override
  public void read(Activations x, int row, float[] dst, int offset) {
    System.arraycopy(data(x), row * x.width(), dst, offset, x.width());
  }

  @Override
  public void close() {
    pool.close();
  }

  private static float[] data(Activations a) {
    return ((CpuActivations) a).data;
  }

  /** One mat-vec split over the pool; fields set by {@link #matMul} before each loop. */
  private static final class MatVecBody implements IntRangeBody {
    WeightMatrix matrix;
    float[] x;
    float[] out;

    @Override
    public void run(int from, int to) {
      matrix.matVec(x, out, from, to);
    }
  }

  /**
   * Mat-vecs of several matrices over one index space: index {@code starts[i] + r} is row {@code r} of matrix
   * {@code i}; a chunk that straddles two matrices does its part of each. Fields set by the fused {@link #matMul}.
   */
  private static final class FusedMatVecBody implements IntRangeBody {
    static final int MAX = 4;
    final WeightMatrix[] matrices = new WeightMatrix[MAX];
    final float[][] outs = new float[MAX][];
    final int[] starts = new int[MAX + 1];
    int count;
    float[] x;

    @Override
    public void run(int from, int to) {
      for (int i = 0; i < count; i++) {
        int lo = Math.max(from, starts[i]);
        int hi = Math.min(to, starts[i + 1]);
        if (lo < hi) {
          matrices[i].matVec(x, outs[i], lo - starts[i], hi - starts[i]);
        }
      }
    }
  }

  private static final class CpuWeight implements Weight {
    final WeightMatrix matrix;
    final GgmlType type;
    private float[] vector;

    CpuWeight(WeightMatrix matrix, GgmlType type) {
      this.matrix = matrix;
      this.type = type;
    }

    /** The single row of a 1-D tensor as floats (norm gains, biases are tiny; dequantized once). */
    float[] vector() {
      if (vector == null) {
        float[] v = new float[matrix.cols()];
        matrix.dequantizeRow(0, v, 0);
        vector = v;
      }
      return vector;
    }

    @Override
    public int rows() {
      return matrix.rows();
    }

    @Override
    public int cols() {
      return matrix.cols();
    }

    @Override
    public GgmlType type() {
      return type;
    }
  }

  private static final class CpuActivations implements Activations {
    final float[] data;
    final int capacity;
    final int width;

    CpuActivations(int capacity, int width) {
      this.data = new float[Math.multiplyExact(capacity, width)];
      this.capacity = capacity;
      this.width = width;
    }

    @Override
    public int capacity() {
      return capacity;
    }

    @Override
    public int width() {
      return width;
    }
  }

  private static final class CpuKvCache implements KvCache {
    final short[][] k;
    final short[][] v;
    final int kvWidth;
    final int capacity;
    private int allocated;

    CpuKvCache(int layers, int kvWidth, int capacity) {
      this.k = new short[layers][0];
      this.v = new short[layers][0];
      this.kvWidth = kvWidth;
      this.capacity = capacity;
    }

    void store(int layer, int pos, float[] ks, float[] vs, int off) {
      if (pos >= capacity) {
        throw new IllegalStateException("position " + pos + " past the KV capacity " + capacity);
      }
      if (pos >= allocated) {
        grow(pos + 1);
      }
      short[] kl = k[layer];
      short[] vl = v[layer];
      int base = pos * kvWidth;
      for (int i = 0; i < kvWidth; i++) {
        kl[base + i] = HalfFloats.fromFloat(ks[off + i]);
        vl[base + i] = HalfFloats.fromFloat(vs[off + i]);
      }
    }

    private void grow(int needed) {
      int size = Math.min(capacity, Math.max(needed, Math.max(KV_GROWTH, allocated * 2)));
      for (int l = 0; l < k.length; l++) {
        k[l] = Arrays.copyOf(k[l], Math.multiplyExact(size, kvWidth));
        v[l] = Arrays.copyOf(v[l], Math.multiplyExact(size, kvWidth));
      }
      allocated = size;
    }

    @Override
    public int capacity() {
      return capacity;
    }

    @Override
    public long bytes() {
      return 2L * k.length * allocated * kvWidth * Short.BYTES;
    }

    @Override
    public void clear() {
      // Positions are overwritten before they are read (attention reads 0..pos after storing pos), so the storage
      // is kept for the next sequence as is.
    }

    @Override
    public void free() {
      for (int l = 0; l < k.length; l++) {
        k[l] = new short[0];
        v[l] = new short[0];
      }
      allocated = 0;
    }
  }
}
