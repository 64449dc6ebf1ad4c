package io.llmops.runtime.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * The only class that calls JCuda: one device's primary context, one stream, the kernel modules, memory and
 * launches. It is loaded only after {@link CudaProbe} has found a driver, so the {@code LinkageError} of a missing
 * {@code libcuda} is seen once, there.
 *
 * <p>Every call checks its {@code CUresult} and throws {@link CudaException} naming the call. The primary context is
 * made current on whichever thread uses the driver (the engine thread differs from the loading thread).
 *
 * <p>Not thread-safe: one thread at a time (the model's engine thread), like {@link CudaTensorOps}.
 */
final class CudaDriver implements AutoCloseable {
  private final CUdevice device = new CUdevice();
  private final CUcontext context = new CUcontext();
  private final CUstream stream = new CUstream();
  private final Map<String, CUfunction> functions = new HashMap<>();
  private final CudaDeviceInfo info;
  private Thread current;
  private boolean closed;

  private CudaDriver(int ordinal) {
    JCudaDriver.setExceptionsEnabled(false);
    check(JCudaDriver.cuInit(0), "cuInit");
    check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
    check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
    makeCurrent();
    check(JCudaDriver.cuStreamCreate(stream, 0), "cuStreamCreate");
    byte[] name = new byte[256];
    check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
    int end = 0;
    while (end < name.length && name[end] != 0) {
      end++;
    }
    long[] total = new long[1];
    check(JCudaDriver.cuDeviceTotalMem(total, device), "cuDeviceTotalMem");
    int[] version = new int[1];
    check(JCudaDriver.cuDriverGetVersion(version), "cuDriverGetVersion");
    info = new CudaDeviceInfo(ordinal, new String(name, 0, end, StandardCharsets.US_ASCII).trim(),
        attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
        attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR), total[0], version[0],
        attribute(CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT));
  }

  /**
   * Opens a device and loads every kernel module for its architecture.
   *
   * @param ordinal the device index
   * @return the driver
   * @throws CudaException if the device cannot be opened or a module does not load (e.g. a driver too old for the
   *     PTX ISA version)
   */
  static CudaDriver open(int ordinal) {
    CudaDriver d = new CudaDriver(ordinal);
    try {
      PtxModules.Arch arch = PtxModules.archFor(d.info.major(), d.info.minor());
      for (PtxModules.Module m : PtxModules.Module.values()) {
        CUmodule module = new CUmodule();
        d.check(JCudaDriver.cuModuleLoadData(module, PtxModules.ptx(m, arch)), "cuModuleLoadData(" + m.resource(arch)
            + ")");
        for (String kernel : m.kernels()) {
          CUfunction f = new CUfunction();
          d.check(JCudaDriver.cuModuleGetFunction(f, module, kernel), "cuModuleGetFunction(" + kernel + ")");
          d.functions.put(kernel, f);
        }
      }
      return d;
    } catch (RuntimeException e) {
      d.close();
      throw e;
    }
  }

  /**
   * Counts the devices.
   *
   * @return the number of CUDA devices
   */
  static int deviceCount() {
    JCudaDriver.setExceptionsEnabled(false);
    int status = JCudaDriver.cuInit(0);
    if (status != CUresult.CUDA_SUCCESS) {
      throw new CudaException("cuInit: " + CUresult.stringFor(status), status);
    }
    int[] count = new int[1];
    status = JCudaDriver.cuDeviceGetCount(count);
    if (status != CUresult.CUDA_SUCCESS) {
      throw new CudaException("cuDeviceGetCount: " + CUresult.stringFor(status), status);
    }
    return count[0];
  }

  CudaDeviceInfo info() {
    return info;
  }

  /** Bytes free on the device now. */
  long freeBytes() {
    makeCurrent();
    long[] free = new long[1];
    long[] total = new long[1];
    check(JCudaDriver.cuMemGetInfo(free, total), "cuMemGetInfo");
    return free[0];
  }

  DeviceBuffer alloc(long bytes, String what) {
    makeCurrent();
    DeviceBuffer b = new DeviceBuffer(Math.max(bytes, 4));
    int status = JCudaDriver.cuMemAlloc(b, b.bytes);
    if (status != CUresult.CUDA_SUCCESS) {
      throw new CudaException(String.format(Locale.ROOT, "cuMemAlloc(%,d bytes for %s): %s", bytes, what,
          CUresult.stringFor(status)), status);
    }
    return b;
  }

  void free(DeviceBuffer b) {
    if (!closed && b.live) {
      makeCurrent();
      b.live = false;
      check(JCudaDriver.cuMemFree(b), "cuMemFree");
    }
  }

  /** Synchronous upload (weights at load time; the buffer may be a mapped file). */
  void upload(DeviceBuffer dst, ByteBuffer src, long bytes) {
    makeCurrent();
    check(JCudaDriver.cuMemcpyHtoD(dst, Pointer.to(src), bytes), "cuMemcpyHtoD(" + bytes + " bytes)");
  }

  void upload(DeviceBuffer dst, float[] src) {
    makeCurrent();
    check(JCudaDriver.cuMemcpyHtoD(dst, Pointer.to(src), (long) src.length * Float.BYTES), "cuMemcpyHtoD(floats)");
  }

  void upload(DeviceBuffer dst, double[] src) {
    makeCurrent();
    check(JCudaDriver.cuMemcpyHtoD(dst, Pointer.to(src), (long) src.length * Double.BYTES), "cuMemcpyHtoD(doubles)");
  }

  void uploadAsync(DeviceBuffer dst, Pinned src, long bytes) {
    check(JCudaDriver.cuMemcpyHtoDAsync(dst, src.pointer, bytes, stream), "cuMemcpyHtoDAsync");
  }

  void downloadAsync(Pinned dst, DeviceBuffer src, long bytes) {
    check(JCudaDriver.cuMemcpyDtoHAsync(dst.pointer, src, bytes, stream), "cuMemcpyDtoHAsync");
  }

  void zero(DeviceBuffer b) {
    makeCurrent();
    check(JCudaDriver.cuMemsetD8Async(b, (byte) 0, b.bytes, stream), "cuMemsetD8Async");
  }

  /** Page-locked host memory, the source or destination of asynchronous copies. */
  Pinned pinned(long bytes) {
    makeCurrent();
    Pointer p = new Pointer();
    check(JCudaDriver.cuMemAllocHost(p, bytes), "cuMemAllocHost(" + bytes + ")");
    return new Pinned(p, p.getByteBuffer(0, bytes).order(ByteOrder.nativeOrder()));
  }

  void freePinned(Pinned p) {
    if (!closed) {
      makeCurrent();
      check(JCudaDriver.cuMemFreeHost(p.pointer), "cuMemFreeHost");
    }
  }

  /** Enqueues a kernel on the stream; {@code args} are {@link DeviceBuffer}s, {@link Offset}s, Integers, Floats. */
  void launch(String kernel, LaunchGeometry.Launch g, Object... args) {
    makeCurrent();
    CUfunction f = functions.get(kernel);
    if (f == null) {
      throw new IllegalStateException("no kernel " + kernel);
    }
    Pointer[] params = new Pointer[args.length];
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof DeviceBuffer) {
        params[i] = Pointer.to((DeviceBuffer) a);
      } else if (a instanceof Offset) {
        params[i] = Pointer.to(((Offset) a).base().withByteOffset(((Offset) a).bytes()));
      } else if (a instanceof Integer) {
        params[i] = Pointer.to(new int[] {(Integer) a});
      } else if (a instanceof Float) {
        params[i] = Pointer.to(new float[] {(Float) a});
      } else {
        throw new IllegalArgumentException("kernel argument " + i + " of " + kernel + ": " + a);
      }
    }
    check(JCudaDriver.cuLaunchKernel(f, g.gridX(), g.gridY(), 1, g.blockX(), 1, 1, 0, stream, Pointer.to(params),
        null), "cuLaunchKernel(" + kernel + " " + g + ")");
  }

  void synchronize() {
    makeCurrent();
    check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
  }

  private void makeCurrent() {
    if (closed) {
      throw new IllegalStateException("the CUDA backend is closed");
    }
    Thread t = Thread.currentThread();
    if (t != current) {
      check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
      current = t;
    }
  }

  private int attribute(int attribute) {
    int[] v = new int[1];
    check(JCudaDriver.cuDeviceGetAttribute(v, attribute, device), "cuDeviceGetAttribute(" + attribute + ")");
    return v[0];
  }

  private void check(int status, String call) {
    if (status != CUresult.CUDA_SUCCESS) {
      throw new CudaException(call + ": " + CUresult.stringFor(status) + " on " + (info == null ? "device "
          + "being opened" : info.name()), status);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      makeCurrent();
      JCudaDriver.cuStreamSynchronize(stream);
      JCudaDriver.cuStreamDestroy(stream);
      // Modules and memory belong to the primary context; releasing our reference lets the driver reclaim them
      // once no other model of this process holds it.
    } finally {
      closed = true;
      JCudaDriver.cuDevicePrimaryCtxRelease(device);
    }
  }

  /** A device allocation; its raw address is what kernels receive in pointer tables. */
  static final class DeviceBuffer extends CUdeviceptr {
    final long bytes;
    boolean live = true;

    DeviceBuffer(long bytes) {
      this.bytes = bytes;
    }

    long address() {
      return getNativePointer();
    }
  }

  /** An address inside an allocation, as a kernel argument. */
  record Offset(DeviceBuffer base, long bytes) {}

  /** Page-locked host memory and its direct-buffer view. */
  record Pinned(Pointer pointer, ByteBuffer buffer) {}
}
