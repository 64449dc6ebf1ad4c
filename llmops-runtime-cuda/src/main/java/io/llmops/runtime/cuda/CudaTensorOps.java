package io.llmops.runtime.cuda;

import io.llmops.ModelLoadException;
import io.llmops.RuntimeUnavailableException;
import io.llmops.runtime.cpu.model.Rope;
import io.llmops.runtime.cpu.model.TensorOps;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.WeightMatrix;
import io.llmops.runtime.cuda.CudaDriver.DeviceBuffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CUDA backend of {@link TensorOps}: the forward pass of the CPU runtime ({@code LlamaModel}) runs unchanged,
 * each op enqueued as a kernel on one stream of one device.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li>Weights are uploaded once, byte for byte as in the GGUF file; the matrix kernels decode blocks in registers.
 *       1-D weights (norm gains, biases) are converted to F32 on upload.
 *   <li>Activations and KV caches live in device memory. The host sends only token ids, positions, row indices and
 *       KV-cache address tables, each through a page-locked staging slot and only when its contents changed (so a
 *       decode step uploads positions once, not once per layer).
 *   <li>Nothing waits for the device inside a step: the first {@link #read} after a kernel wrote a buffer copies the
 *       rows that kernel wrote (the logits of the step) in one transfer and synchronises; later reads of that buffer
 *       are served from the host copy.
 *   <li>The KV cache of a sequence is one allocation of {@code layers x 2 x capacity x kvWidth} F16 values, made in
 *       full when the cache is created (the engine's {@code KvCachePool} bounds how many exist, as on the CPU).
 * </ul>
 *
 * <p>Not thread-safe: one engine thread drives it (see {@link TensorOps}); it may differ from the thread that loaded
 * the weights.
 *
 * @since 0.1.0
 */
public final class CudaTensorOps implements TensorOps {
  private final CudaDriver driver;
  private final List<DeviceBuffer> allocations = new ArrayList<>();
  private final Map<Rope, DeviceBuffer> ropeTables = new IdentityHashMap<>();
  private final Staging tokens;
  private final Staging positions;
  private final Staging rowIndices;
  private final Staging cacheBases;
  private final Staging cacheCapacities;
  private final Staging results;
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private KvCache[] lastCaches = new KvCache[0];
  private int lastCacheCount = -1;
  private DeviceBuffer selectScratch;
  private long submitted;
  private long synced;
  private long epoch;
  private boolean closed;

  private CudaTensorOps(CudaDriver driver) {
    this.driver = driver;
    this.tokens = new Staging("token ids");
    this.positions = new Staging("positions");
    this.rowIndices = new Staging("row indices");
    this.cacheBases = new Staging("KV cache addresses");
    this.cacheCapacities = new Staging("KV cache capacities");
    this.results = new Staging("results");
  }

  /**
   * Opens a device and loads the kernels.
   *
   * @param device the device index (0 for the first GPU)
   * @return the backend; close it to release the device memory
   * @throws RuntimeUnavailableException if there is no CUDA driver
   * @throws CudaException if the device cannot be opened or the kernels do not load
   */
  public static CudaTensorOps create(int device) {
    try {
      return new CudaTensorOps(CudaDriver.open(device));
    } catch (LinkageError e) {
      throw new RuntimeUnavailableException("no CUDA driver (" + CudaProbe.firstLine(e) + ")", List.of());
    }
  }

  /**
   * Returns the device.
   *
   * @return what the driver reports
   */
  public CudaDeviceInfo device() {
    return driver.info();
  }

  /**
   * Returns the device memory free now.
   *
   * @return bytes
   */
  public long freeBytes() {
    return driver.freeBytes();
  }

  @Override
  public String name() {
    return "cuda";
  }

  @Override
  public int threads() {
    return 1;
  }

  @Override
  public long cpuTimeNanos() {
    threads.add(Thread.currentThread());
    if (!mx.isThreadCpuTimeSupported()) {
      return 0;
    }
    long sum = 0;
    for (Thread t : threads) {
      sum += Math.max(0, mx.getThreadCpuTime(t.getId()));
    }
    return sum;
  }

  @Override
  public Weight weight(String name, GgmlType type, ByteBuffer data, int rows, int cols) {
    Objects.requireNonNull(type, "type");
    try {
      LaunchGeometry.suffix(type);
      long bytes = type.byteSize(Math.multiplyExact((long) rows, cols));
      ByteBuffer all = data.duplicate();
      all.position(0);
      if (rows < 1 || cols < 1 || all.limit() != bytes) {
        throw new IllegalArgumentException(rows + "x" + cols + " " + type + " needs " + bytes + " bytes, the tensor "
            + "has " + all.limit());
      }
      if (rows == 1) {
        // Gains and biases: tiny, read as floats by every kernel that uses them.
        float[] v = new float[cols];
        WeightMatrix.of(type, all, 1, cols).dequantizeRow(0, v, 0);
        DeviceBuffer b = track(driver.alloc((long) cols * Float.BYTES, name));
        driver.upload(b, v);
        return new CudaWeight(b, type, GgmlType.F32, 1, cols);
      }
      DeviceBuffer b = track(driver.alloc(bytes, name));
      driver.upload(b, all, bytes);
      return new CudaWeight(b, type, type, rows, cols);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException("tensor " + name + ": cannot compute with " + type + " on CUDA (" + e.getMessage()
          + ")", e);
    } catch (CudaException e) {
      throw new ModelLoadException("tensor " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Activations activations(int capacity, int width) {
    DeviceBuffer b = track(driver.alloc(Math.multiplyExact((long) capacity, width) * Float.BYTES, "activations"));
    driver.zero(b);
    submitted++;
    return new CudaActivations(b, capacity, width);
  }

  @Override
  public KvCache kvCache(int layers, int kvWidth, int capacity) {
    long bytes = 2L * layers * capacity * kvWidth * Short.BYTES;
    return new CudaKvCache(track(driver.alloc(bytes, "KV cache of " + capacity + " positions")), capacity, bytes);
  }

  @Override
  public void embed(Weight table, int[] ids, int n, Activations out) {
    CudaWeight w = (CudaWeight) table;
    tokens.ints(ids, n);
    launch("llmops_embed", LaunchGeometry.embed(w.deviceType, w.cols, n), w.deviceType.id(), w.data, tokens.device,
        w.cols, buffer(out));
    written(out, n);
  }

  @Override
  public void rmsNorm(Activations x, int n, Weight gain, float eps, Activations out) {
    launch("llmops_rms_norm", LaunchGeometry.rows(n), buffer(x), ((CudaWeight) gain).data, buffer(out), x.width(),
        eps);
    written(out, n);
  }

  @Override
  public void matMul(Weight w, Activations x, int n, Activations out) {
    CudaWeight cw = (CudaWeight) w;
    launch(LaunchGeometry.matMulKernel(cw.deviceType, n), LaunchGeometry.matMul(cw.rows, n), cw.data, buffer(x),
        buffer(out), cw.rows, cw.cols, n);
    written(out, n);
  }

  @Override
  public void addBias(Activations x, int n, Weight bias) {
    int count = n * x.width();
    launch("llmops_add_bias", LaunchGeometry.elementwise(count), buffer(x), ((CudaWeight) bias).data, x.width(),
        count);
    written(x, n);
  }

  @Override
  public void add(Activations x, Activations y, int n) {
    int count = n * x.width();
    launch("llmops_add", LaunchGeometry.elementwise(count), buffer(x), buffer(y), count);
    written(x, n);
  }

  @Override
  public void rope(Activations x, int n, int heads, int[] pos, Rope rope) {
    positions.ints(pos, n);
    DeviceBuffer inv = ropeTables.get(rope);
    if (inv == null) {
      double[] f = rope.inverseFrequencies();
      inv = track(driver.alloc((long) f.length * Double.BYTES, "RoPE frequencies"));
      driver.upload(inv, f);
      ropeTables.put(rope, inv);
    }
    launch("llmops_rope", LaunchGeometry.rope(n, heads, rope.dims()), buffer(x), positions.device, inv, n, heads,
        x.width(), rope.headDim(), rope.dims() / 2, rope.mode() == Rope.Mode.NEOX ? 1 : 0);
    written(x, n);
  }

  @Override
  public void attention(int layer, Activations q, Activations k, Activations v, int n, KvCache[] caches, int[] pos,
      AttentionShape shape, Activations out) {
    positions.ints(pos, n);
    cacheTable(caches, n);
    int kvW = shape.kvHeads() * shape.headDim();
    launch("llmops_kv_store", LaunchGeometry.perRowElements(kvW, n), buffer(k), buffer(v), cacheBases.device,
        cacheCapacities.device, positions.device, kvW, layer);
    launch("llmops_attention", LaunchGeometry.attention(shape.heads(), shape.headDim(), n), buffer(q), buffer(out),
        cacheBases.device, cacheCapacities.device, positions.device, shape.heads(), shape.kvHeads(), shape.headDim(),
        layer, (float) (1.0 / Math.sqrt(shape.headDim())));
    written(out, n);
  }

  @Override
  public void siluMul(Activations gate, Activations up, int n) {
    int count = n * gate.width();
    launch("llmops_silu_mul", LaunchGeometry.elementwise(count), buffer(gate), buffer(up), count);
    written(gate, n);
  }

  @Override
  public void gatherRows(Activations src, int[] rows, int count, Activations dst) {
    rowIndices.ints(rows, count);
    launch("llmops_gather_rows", LaunchGeometry.perRowElements(src.width(), count), buffer(src), rowIndices.device,
        src.width(), buffer(dst));
    written(dst, count);
  }

  @Override
  public void read(Activations x, int row, float[] dst, int offset) {
    CudaActivations a = (CudaActivations) x;
    if (a.mirrorEpoch != a.writeEpoch) {
      int floats = Math.max(1, a.validRows) * a.width;
      results.reserve((long) floats * Float.BYTES);
      driver.downloadAsync(results.pinned, a.data, (long) floats * Float.BYTES);
      synchronize();
      if (a.mirror.length < floats) {
        a.mirror = new float[a.capacity * a.width];
      }
      results.pinned.buffer().asFloatBuffer().get(a.mirror, 0, floats);
      a.mirrorEpoch = a.writeEpoch;
    }
    if (row < 0 || row >= Math.max(1, a.validRows)) {
      throw new IllegalArgumentException("row " + row + " was not written by the last op (" + a.validRows + " rows)");
    }
    System.arraycopy(a.mirror, row * a.width, dst, offset, a.width);
  }

  /**
   * Greedy sampling on the device: the index of the largest value of each of the first {@code n} rows (ties: the
   * lowest index, like the CPU sampler). Copies {@code n} ints back instead of {@code n} rows of logits.
   *
   * @param x the logits
   * @param n the number of rows
   * @return one token id per row
   */
  public int[] argmax(Activations x, int n) {
    int[] ids = new int[n];
    results.reserve((long) n * Integer.BYTES);
    launch("llmops_argmax", LaunchGeometry.select(n), buffer(x), x.width(), results.device);
    driver.downloadAsync(results.pinned, results.device, (long) n * Integer.BYTES);
    synchronize();
    results.pinned.buffer().asIntBuffer().get(ids, 0, n);
    return ids;
  }

  /**
   * The {@code k} largest logits of one row, largest first (ties: lower index first), computed on the device.
   *
   * @param x the logits
   * @param row the row
   * @param k how many, {@code 1 <= k <= min(256, width)}
   * @return ids and values
   * @throws IllegalArgumentException if {@code k} is out of range
   */
  public TopK topK(Activations x, int row, int k) {
    if (k < 1 || k > Math.min(256, x.width())) {
      throw new IllegalArgumentException("k must be in [1, " + Math.min(256, x.width()) + "], got " + k);
    }
    CudaActivations a = (CudaActivations) x;
    if (selectScratch == null || selectScratch.bytes < (long) a.width * Float.BYTES) {
      selectScratch = track(driver.alloc((long) a.width * Float.BYTES, "top-k scratch"));
    }
    results.reserve(2L * k * Float.BYTES);
    CudaDriver.Offset rowBuf = new CudaDriver.Offset(a.data, (long) row * a.width * Float.BYTES);
    CudaDriver.Offset values = new CudaDriver.Offset(results.device, (long) k * Integer.BYTES);
    launch("llmops_top_k", LaunchGeometry.select(1), rowBuf, a.width, k, selectScratch, results.device, values);
    driver.downloadAsync(results.pinned, results.device, 2L * k * Float.BYTES);
    synchronize();
    int[] ids = new int[k];
    float[] vals = new float[k];
    ByteBuffer b = results.pinned.buffer();
    b.asIntBuffer().get(ids, 0, k);
    b.position(k * Integer.BYTES);
    b.slice().order(b.order()).asFloatBuffer().get(vals, 0, k);
    b.position(0);
    return new TopK(ids, vals);
  }

  /**
   * A top-k result.
   *
   * @param ids token ids, best first
   * @param values their logits
   * @since 0.1.0
   */
  public record TopK(int[] ids, float[] values) {}

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      for (Staging s : List.of(tokens, positions, rowIndices, cacheBases, cacheCapacities, results)) {
        s.release();
      }
      for (DeviceBuffer b : allocations) {
        driver.free(b);
      }
    } finally {
      allocations.clear();
      driver.close();
    }
  }

  private void cacheTable(KvCache[] caches, int n) {
    boolean same = n == lastCacheCount && lastCaches.length >= n;
    for (int i = 0; same && i < n; i++) {
      same = lastCaches[i] == caches[i];
    }
    if (same) {
      return;
    }
    long[] bases = new long[n];
    int[] caps = new int[n];
    for (int i = 0; i < n; i++) {
      CudaKvCache c = (CudaKvCache) caches[i];
      if (c.data == null || !c.data.live) {
        throw new IllegalStateException("KV cache of row " + i + " was freed");
      }
      bases[i] = c.data.address();
      caps[i] = c.capacity;
    }
    cacheBases.longs(bases, n);
    cacheCapacities.ints(caps, n);
    lastCaches = Arrays.copyOf(caches, n);
    lastCacheCount = n;
  }

  private void launch(String kernel, LaunchGeometry.Launch g, Object... args) {
    threads.add(Thread.currentThread());
    driver.launch(kernel, g, args);
    submitted++;
  }

  private void synchronize() {
    driver.synchronize();
    synced = submitted;
  }

  private void written(Activations a, int rows) {
    CudaActivations c = (CudaActivations) a;
    c.writeEpoch = ++epoch;
    c.validRows = rows;
  }

  private DeviceBuffer track(DeviceBuffer b) {
    allocations.add(b);
    return b;
  }

  private static DeviceBuffer buffer(Activations a) {
    return ((CudaActivations) a).data;
  }

  /**
   * A page-locked host buffer and its device twin, for small per-step uploads. The host side is rewritten only when
   * the contents change, and only after the device has consumed the previous contents (the stream is synchronised
   * first when a copy from it may still be pending).
   */
  private final class Staging {
    private final String what;
    DeviceBuffer device;
    CudaDriver.Pinned pinned;
    private long bytes;
    private long pendingAt = -1;
    private long[] shadow = new long[0];
    private int shadowCount = -1;

    Staging(String what) {
      this.what = what;
    }

    void reserve(long need) {
      if (need <= bytes) {
        return;
      }
      long size = Math.max(need, Math.max(1024, bytes * 2));
      if (pendingAt > synced) {
        synchronize();
      }
      release();
      pinned = driver.pinned(size);
      device = driver.alloc(size, what);
      bytes = size;
      shadowCount = -1;
    }

    void ints(int[] values, int n) {
      if (unchanged(values, null, n)) {
        return;
      }
      reserve((long) n * Integer.BYTES);
      awaitConsumed();
      pinned.buffer().asIntBuffer().put(values, 0, n);
      send((long) n * Integer.BYTES);
      shadowCount = n;
    }

    void longs(long[] values, int n) {
      if (unchanged(null, values, n)) {
        return;
      }
      reserve((long) n * Long.BYTES);
      awaitConsumed();
      pinned.buffer().asLongBuffer().put(values, 0, n);
      send((long) n * Long.BYTES);
      shadowCount = n;
    }

    private boolean unchanged(int[] ints, long[] longs, int n) {
      boolean same = n == shadowCount;
      for (int i = 0; same && i < n; i++) {
        same = shadow[i] == (ints != null ? ints[i] : longs[i]);
      }
      if (!same) {
        if (shadow.length < n) {
          shadow = new long[Math.max(n, shadow.length * 2)];
        }
        for (int i = 0; i < n; i++) {
          shadow[i] = ints != null ? ints[i] : longs[i];
        }
      }
      return same;
    }

    private void awaitConsumed() {
      if (pendingAt > synced) {
        synchronize();
      }
    }

    private void send(long n) {
      driver.uploadAsync(device, pinned, n);
      submitted++;
      pendingAt = submitted;
    }

    void release() {
      if (pinned != null) {
        driver.freePinned(pinned);
        driver.free(device);
        pinned = null;
        device = null;
        bytes = 0;
      }
    }
  }

  private static final class CudaWeight implements Weight {
    final DeviceBuffer data;
    final GgmlType type;
    final GgmlType deviceType;
    final int rows;
    final int cols;

    CudaWeight(DeviceBuffer data, GgmlType type, GgmlType deviceType, int rows, int cols) {
      this.data = data;
      this.type = type;
      this.deviceType = deviceType;
      this.rows = rows;
      this.cols = cols;
    }

    @Override
    public int rows() {
      return rows;
    }

    @Override
    public int cols() {
      return cols;
    }

    @Override
    public GgmlType type() {
      return type;
    }
  }

  private static final class CudaActivations implements Activations {
    final DeviceBuffer data;
    final int capacity;
    final int width;
    float[] mirror = new float[0];
    long writeEpoch;
    long mirrorEpoch = -1;
    int validRows;

    CudaActivations(DeviceBuffer data, int capacity, int width) {
      this.data = data;
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

  private final class CudaKvCache implements KvCache {
    DeviceBuffer data;
    final int capacity;
    final long bytes;

    CudaKvCache(DeviceBuffer data, int capacity, long bytes) {
      this.data = data;
      this.capacity = capacity;
      this.bytes = bytes;
    }

    @Override
    public int capacity() {
      return capacity;
    }

    @Override
    public long bytes() {
      return data == null ? 0 : bytes;
    }

    @Override
    public void clear() {
      // Positions are written before they are read (attention stores position p, then reads 0..p).
    }

    @Override
    public void free() {
      if (data != null) {
        if (submitted > synced) {
          synchronize(); // a kernel still in flight may read it
        }
        driver.free(data);
        allocations.remove(data);
        data = null;
        lastCacheCount = -1;
      }
    }
  }
}
