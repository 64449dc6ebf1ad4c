package io.llmops.runtime.cpu.gguf;

import io.llmops.runtime.cpu.tensor.GgmlType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes GGUF files (version 3 by default, or 2): metadata of every value type and tensors of any {@link GgmlType},
 * laid out as {@link GgufFile} reads them (tensor offsets aligned to {@code general.alignment}, data section padded).
 * Used by tests to build small synthetic models and by tools that convert or quantize models.
 *
 * <p>Usage: {@code GgufWriter.create().putString("general.architecture", "llama").tensor("w", GgmlType.F32, data,
 * 4, 2).writeTo(path)}. Not thread-safe; reusable (writing does not clear it).
 *
 * @since 0.1.0
 */
public final class GgufWriter {
  private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
  private final List<PendingTensor> tensors = new ArrayList<>();
  private int version = 3;
  private int alignment = GgufFile.DEFAULT_ALIGNMENT;

  /** A tensor to write: its bytes either held ({@code data}) or produced while writing ({@code source}). */
  private record PendingTensor(String name, GgmlType type, long[] shape, long size, ByteBuffer data,
      TensorSource source) {}

  /**
   * Produces the bytes of one tensor while the file is written, so that files larger than the heap (synthetic
   * benchmark models of a few GB) are streamed instead of held in memory.
   *
   * <p>Called once per {@link #writeTo} call, in file order; it must write exactly the tensor's byte size.
   */
  @FunctionalInterface
  public interface TensorSource {
    /**
     * Writes the tensor's bytes.
     *
     * @param out the destination; do not close it
     * @throws IOException on an I/O error
     */
    void write(OutputStream out) throws IOException;
  }

  private GgufWriter() {}

  /**
   * Creates an empty writer.
   *
   * @return the writer
   */
  public static GgufWriter create() {
    return new GgufWriter();
  }

  /**
   * Sets the format version.
   *
   * @param version 2 or 3 (the layouts are identical for little-endian files)
   * @return this
   * @throws IllegalArgumentException for other versions
   */
  public GgufWriter version(int version) {
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("GGUF version " + version + " cannot be written");
    }
    this.version = version;
    return this;
  }

  /**
   * Sets the data alignment; other than 32 it is also written as {@code general.alignment}.
   *
   * @param alignment a power of two
   * @return this
   * @throws IllegalArgumentException if not a positive power of two
   */
  public GgufWriter alignment(int alignment) {
    if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
      throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
    }
    this.alignment = alignment;
    return this;
  }

  /**
   * Adds or replaces a metadata value.
   *
   * @param key the key
   * @param value the value
   * @return this
   */
  public GgufWriter put(String key, GgufValue value) {
    metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Adds a string value.
   *
   * @param key the key
   * @param value the value
   * @return this
   */
  public GgufWriter putString(String key, String value) {
    return put(key, GgufValue.ofString(value));
  }

  /**
   * Adds a {@code UINT32} value.
   *
   * @param key the key
   * @param value 0 to 2^32-1
   * @return this
   */
  public GgufWriter putUInt32(String key, long value) {
    return put(key, GgufValue.ofUInt32(value));
  }

  /**
   * Adds a {@code FLOAT32} value.
   *
   * @param key the key
   * @param value the value
   * @return this
   */
  public GgufWriter putFloat32(String key, float value) {
    return put(key, GgufValue.ofFloat32(value));
  }

  /**
   * Adds a {@code BOOL} value.
   *
   * @param key the key
   * @param value the value
   * @return this
   */
  public GgufWriter putBool(String key, boolean value) {
    return put(key, GgufValue.ofBool(value));
  }

  /**
   * Adds a tensor with raw bytes in the type's block layout.
   *
   * @param name a unique name
   * @param type the element type
   * @param data exactly {@code type.byteSize(product(shape))} bytes, from position to limit (copied)
   * @param shape dimensions in ggml order ({@code shape[0]} = row length, a multiple of the block size)
   * @return this
   * @throws IllegalArgumentException on a duplicate name, a bad shape or a size mismatch
   */
  public GgufWriter tensor(String name, GgmlType type, ByteBuffer data, long... shape) {
    long n = checkTensor(name, type, shape);
    if (type.byteSize(n) != data.remaining()) {
      throw new IllegalArgumentException("tensor " + name + ": " + data.remaining() + " bytes for " + n + " "
          + type + " elements");
    }
    ByteBuffer copy = ByteBuffer.allocate(data.remaining()).put(data.duplicate()).flip();
    tensors.add(new PendingTensor(name, type, shape.clone(), copy.remaining(), copy, null));
    return this;
  }

  /**
   * Adds a tensor whose bytes are produced by {@code source} when the file is written (nothing is held in memory).
   *
   * @param name a unique name
   * @param type the element type
   * @param source writes exactly {@code type.byteSize(product(shape))} bytes in the type's block layout
   * @param shape dimensions in ggml order ({@code shape[0]} = row length, a multiple of the block size)
   * @return this
   * @throws IllegalArgumentException on a duplicate name or a bad shape
   * @throws NullPointerException if {@code source} is null
   */
  public GgufWriter tensor(String name, GgmlType type, TensorSource source, long... shape) {
    Objects.requireNonNull(source, "source");
    long n = checkTensor(name, type, shape);
    tensors.add(new PendingTensor(name, type, shape.clone(), type.byteSize(n), null, source));
    return this;
  }

  private long checkTensor(String name, GgmlType type, long[] shape) {
    if (shape.length < 1 || shape.length > GgufFile.MAX_DIMS) {
      throw new IllegalArgumentException("tensor " + name + ": " + shape.length + " dimensions");
    }
    long n = 1;
    for (long d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException("tensor " + name + ": dimension " + d);
      }
      n = Math.multiplyExact(n, d);
    }
    if (shape[0] % type.blockSize() != 0) {
      throw new IllegalArgumentException("tensor " + name + ": row length " + shape[0]
          + " is not a multiple of the " + type + " block size " + type.blockSize());
    }
    for (PendingTensor t : tensors) {
      if (t.name.equals(name)) {
        throw new IllegalArgumentException("duplicate tensor " + name);
      }
    }
    return n;
  }

  /**
   * Adds a tensor with raw bytes.
   *
   * @param name a unique name
   * @param type the element type
   * @param data the bytes (copied)
   * @param shape dimensions in ggml order
   * @return this
   * @throws IllegalArgumentException on a duplicate name, a bad shape or a size mismatch
   */
  public GgufWriter tensor(String name, GgmlType type, byte[] data, long... shape) {
    return tensor(name, type, ByteBuffer.wrap(data), shape);
  }

  /**
   * Adds an {@code F32} tensor.
   *
   * @param name a unique name
   * @param data the values, row-major with {@code shape[0]} fastest
   * @param shape dimensions in ggml order
   * @return this
   * @throws IllegalArgumentException on a duplicate name or a size mismatch
   */
  public GgufWriter tensor(String name, float[] data, long... shape) {
    ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(data);
    return tensor(name, GgmlType.F32, b, shape);
  }

  /**
   * Writes the file.
   *
   * @param path the destination (replaced if it exists)
   * @throws UncheckedIOException on an I/O error
   */
  public void writeTo(Path path) {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(path), 1 << 16)) {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /**
   * Returns the file as bytes.
   *
   * @return the bytes
   */
  public byte[] toBytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private void writeTo(OutputStream os) throws IOException {
    Out out = new Out(os);
    Map<String, GgufValue> meta = new LinkedHashMap<>(metadata);
    if (alignment != GgufFile.DEFAULT_ALIGNMENT) {
      meta.put("general.alignment", GgufValue.ofUInt32(alignment));
    }
    out.u32(GgufFile.MAGIC);
    out.u32(version);
    out.u64(tensors.size());
    out.u64(meta.size());
    for (Map.Entry<String, GgufValue> e : meta.entrySet()) {
      out.string(e.getKey());
      out.u32(e.getValue().type().id());
      writeValue(out, e.getValue());
    }
    long offset = 0;
    for (PendingTensor t : tensors) {
      out.string(t.name);
      out.u32(t.shape.length);
      for (long d : t.shape) {
        out.u64(d);
      }
      out.u32(t.type.id());
      out.u64(offset);
      offset = GgufFile.alignUp(offset + t.size, alignment);
    }
    out.pad(alignment);
    for (PendingTensor t : tensors) {
      long before = out.written;
      if (t.source != null) {
        t.source.write(out.stream());
      } else {
        byte[] bytes = new byte[t.data.remaining()];
        t.data.duplicate().get(bytes);
        out.bytes(bytes);
      }
      if (out.written - before != t.size) {
        throw new IllegalStateException("tensor " + t.name + ": the source wrote " + (out.written - before)
            + " bytes, expected " + t.size);
      }
      out.pad(alignment);
    }
  }

  private static void writeValue(Out out, GgufValue v) throws IOException {
    switch (v.type()) {
      case UINT8: case INT8: case BOOL:
        out.u8(v.type() == GgufValueType.BOOL ? (v.asBoolean() ? 1 : 0) : (int) v.asLong());
        break;
      case UINT16: case INT16: out.u16((int) v.asLong()); break;
      case UINT32: case INT32: out.u32((int) v.asLong()); break;
      case UINT64: case INT64: out.u64(v.asLong()); break;
      case FLOAT32: out.u32(Float.floatToRawIntBits((Float) v.raw())); break;
      case FLOAT64: out.u64(Double.doubleToRawLongBits((Double) v.raw())); break;
      case STRING: out.string(v.asString()); break;
      case ARRAY: writeArray(out, v); break;
      default: throw new AssertionError(v.type());
    }
  }

  private static void writeArray(Out out, GgufValue v) throws IOException {
    GgufValueType et = v.elementType();
    out.u32(et.id());
    out.u64(v.length());
    Object raw = v.raw();
    if (raw instanceof long[] a) {
      for (long x : a) {
        writeValue(out, GgufValue.wrapScalar(et, x));
      }
    } else if (raw instanceof float[] a) {
      for (float x : a) {
        out.u32(Float.floatToRawIntBits(x));
      }
    } else if (raw instanceof double[] a) {
      for (double x : a) {
        out.u64(Double.doubleToRawLongBits(x));
      }
    } else if (raw instanceof boolean[] a) {
      for (boolean x : a) {
        out.u8(x ? 1 : 0);
      }
    } else if (raw instanceof String[] a) {
      for (String x : a) {
        out.string(x);
      }
    } else {
      for (GgufValue x : v.asArrayList()) {
        writeArray(out, x);
      }
    }
  }

  /** Little-endian primitive output that counts bytes for alignment padding. */
  private static final class Out {
    private final OutputStream os;
    private final byte[] scratch = new byte[8];
    private long written;

    Out(OutputStream os) {
      this.os = os;
    }

    /** A view that counts what a {@link TensorSource} writes. */
    OutputStream stream() {
      return new OutputStream() {
        @Override
        public void write(int b) throws IOException {
          u8(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          os.write(b, off, len);
          written += len;
        }
      };
    }

    void u8(int v) throws IOException {
      os.write(v);
      written++;
    }

    void u16(int v) throws IOException {
      ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v);
      bytes(scratch, 2);
    }

    void u32(int v) throws IOException {
      ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN).putInt(v);
      bytes(scratch, 4);
    }

    void u64(long v) throws IOException {
      ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN).putLong(v);
      bytes(scratch, 8);
    }

    void string(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      u64(b.length);
      bytes(b);
    }

    void bytes(byte[] b) throws IOException {
      bytes(b, b.length);
    }

    void bytes(byte[] b, int n) throws IOException {
      os.write(b, 0, n);
      written += n;
    }

    void pad(int alignment) throws IOException {
      while (written % alignment != 0) {
        u8(0);
      }
    }
  }
}
