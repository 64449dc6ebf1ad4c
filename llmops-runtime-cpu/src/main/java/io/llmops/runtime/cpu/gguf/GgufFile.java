package io.llmops.runtime.cpu.gguf;

import io.llmops.ModelLoadException;
import io.llmops.runtime.cpu.tensor.GgmlType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open GGUF file (versions 2 and 3): its metadata, its tensor descriptors and memory-mapped access to tensor data.
 *
 * <p>Design: the header, metadata and tensor infos are parsed once by {@link #open(Path)} through a small buffered
 * window ({@link GgufInput}); every count, length, dimension and offset is checked against the file size before
 * anything is allocated, so a truncated, corrupt or hostile file fails with a {@link ModelLoadException} naming the
 * field and the byte offset. Tensor data is never copied to the heap: {@link #tensorData} maps each tensor's own region
 * (at most 2 GiB each, which lets files of any size load on Java 17).
 *
 * <p>Layout (ggml {@code docs/gguf.md}): magic {@code "GGUF"}, {@code uint32 version}, {@code uint64 tensor_count},
 * {@code uint64 metadata_kv_count}, the key/value pairs, the tensor infos ({@code name}, {@code uint32 n_dims},
 * {@code uint64 ne[n_dims]}, {@code uint32 type}, {@code uint64 offset}), padding to {@code general.alignment}
 * (default 32), then the data section; tensor offsets are relative to it and aligned.
 *
 * <p>Thread-safe once opened. {@link #close()} releases the file handle; buffers already returned by {@link
 * #tensorData} stay valid until garbage-collected.
 *
 * @since 0.1.0
 */
public final class GgufFile implements AutoCloseable {
  /** The magic number, "GGUF" read as a little-endian uint32. */
  static final int MAGIC = 0x46554747;
  /** ggml's {@code GGML_MAX_DIMS}. */
  static final int MAX_DIMS = 4;
  /** The alignment when {@code general.alignment} is absent. */
  public static final int DEFAULT_ALIGNMENT = 32;
  /** Nested arrays deeper than this are rejected (no real file nests at all; this bounds the recursion). */
  private static final int MAX_NESTING = 8;

  private final Path path;
  private final FileChannel channel;
  private final long fileSize;
  private final int version;
  private final Map<String, GgufValue> metadata;
  private final Map<String, Long> metadataOffsets;
  private final List<GgufTensorInfo> tensors;
  private final Map<String, GgufTensorInfo> tensorsByName;
  private final Map<String, Integer> tensorIndex;
  private final int alignment;
  private final long dataOffset;
  private final ByteBuffer[] mapped;

  private GgufFile(Path path, FileChannel channel, long fileSize, int version, Map<String, GgufValue> metadata,
      Map<String, Long> metadataOffsets, List<GgufTensorInfo> tensors, int alignment, long dataOffset) {
    this.path = path;
    this.channel = channel;
    this.fileSize = fileSize;
    this.version = version;
    this.metadata = Collections.unmodifiableMap(metadata);
    this.metadataOffsets = metadataOffsets;
    this.tensors = List.copyOf(tensors);
    Map<String, GgufTensorInfo> byName = new HashMap<>();
    Map<String, Integer> index = new HashMap<>();
    for (GgufTensorInfo t : tensors) {
      index.put(t.name(), byName.size());
      byName.put(t.name(), t);
    }
    this.tensorsByName = byName;
    this.tensorIndex = index;
    this.alignment = alignment;
    this.dataOffset = dataOffset;
    this.mapped = new ByteBuffer[tensors.size()];
  }

  /**
   * Opens and parses a GGUF file.
   *
   * @param path the file
   * @return the open file; close it when done
   * @throws ModelLoadException if the file is missing, unreadable, not GGUF, of an unsupported version, truncated or
   *     inconsistent; the message names the path, the field and the byte offset
   */
  public static GgufFile open(Path path) {
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new ModelLoadException("GGUF file not found: " + path, e);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      throw new ModelLoadException("cannot open GGUF file " + path + ": " + e, e);
    }
    try {
      return parse(path, channel);
    } catch (ModelLoadException e) {
      closeQuietly(channel, e);
      throw new ModelLoadException(path.getFileName() + ": " + e.getMessage(), e.field(),
          e.offset().orElse(-1), e.getCause());
    } catch (RuntimeException | Error e) {
      closeQuietly(channel, e);
      throw e;
    }
  }

  private static void closeQuietly(FileChannel channel, Throwable primary) {
    try {
      channel.close();
    } catch (IOException suppressed) {
      primary.addSuppressed(suppressed);
    }
  }

  private static GgufFile parse(Path path, FileChannel channel) {
    long size;
    try {
      size = channel.size();
    } catch (IOException e) {
      throw new ModelLoadException("cannot read file size: " + e.getMessage(), e);
    }
    GgufInput in = new GgufInput(channel, size);
    int magic = in.u32("magic");
    if (magic != MAGIC) {
      throw in.error(String.format("magic: not a GGUF file (found 0x%08x, expected \"GGUF\")", magic), "magic", 0);
    }
    int version = in.u32("version");
    if (version != 2 && version != 3) {
      String hint = Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3
          ? " (a big-endian GGUF file, which is not supported)"
          : version == 1 ? " (GGUF v1 predates 64-bit counts; re-convert the model)" : "";
      throw in.error("version: unsupported GGUF version " + Integer.toUnsignedString(version) + hint, "version", 4);
    }
    // Minimum sizes bound the counts: a tensor info is at least name length (8) + n_dims (4) + one dim (8) +
    // type (4) + offset (8); a key/value pair at least key length (8) + type (4) + one value byte.
    int tensorCount = in.count("tensor_count", 32);
    int kvCount = in.count("metadata_kv_count", 13);

    Map<String, GgufValue> metadata = new LinkedHashMap<>();
    Map<String, Long> offsets = new HashMap<>();
    for (int i = 0; i < kvCount; i++) {
      long kvPos = in.position();
      String key = in.string("metadata key #" + i);
      String field = "metadata " + key;
      long typePos = in.position();
      int typeId = in.u32(field);
      GgufValueType type = GgufValueType.fromId(typeId);
      if (type == null) {
        throw in.error(field + ": value type " + Integer.toUnsignedString(typeId) + " unknown", field, typePos);
      }
      GgufValue value = readValue(in, type, field, 0);
      if (metadata.putIfAbsent(key, value) != null) {
        throw in.error(field + ": duplicate key", field, kvPos);
      }
      offsets.put(key, kvPos);
    }

    int alignment = DEFAULT_ALIGNMENT;
    GgufValue align = metadata.get("general.alignment");
    if (align != null) {
      long a = align.type() == GgufValueType.UINT32 ? align.asLong() : -1;
      if (a <= 0 || Long.bitCount(a) != 1) {
        throw in.error("metadata general.alignment: must be a power-of-two uint32, found " + align.type() + " "
            + align, "general.alignment", offsets.get("general.alignment"));
      }
      alignment = (int) a;
    }

    List<GgufTensorInfo> tensors = new java.util.ArrayList<>(tensorCount);
    Map<String, Long> tensorPos = new HashMap<>();
    for (int i = 0; i < tensorCount; i++) {
      tensors.add(readTensorInfo(in, i, alignment, tensorPos));
    }

    long dataOffset = alignUp(in.position(), alignment);
    if (tensorCount > 0) {
      in.seek(dataOffset, "data section");
    }
    long dataSize = size - Math.min(size, dataOffset);
    for (GgufTensorInfo t : tensors) {
      if (t.offset() > dataSize || t.byteSize() > dataSize - t.offset()) {
        long pos = tensorPos.get(t.name());
        throw in.error("tensor " + t.name() + ": data [" + t.offset() + ", " + (t.offset() + t.byteSize())
            + ") lies beyond the end of the data section (" + dataSize + " bytes, file truncated?)",
            "tensor " + t.name() + " offset", pos);
      }
    }
    return new GgufFile(path, channel, size, version, metadata, offsets, tensors, alignment, dataOffset);
  }

  private static GgufTensorInfo readTensorInfo(GgufInput in, int i, int alignment, Map<String, Long> positions) {
    long start = in.position();
    String name = in.string("tensor #" + i + " name");
    String field = "tensor " + name;
    if (positions.putIfAbsent(name, start) != null) {
      throw in.error(field + ": duplicate tensor name", field, start);
    }
    long dimsPos = in.position();
    int nDims = in.u32(field + " n_dims");
    if (nDims < 1 || nDims > MAX_DIMS) {
      throw in.error(field + ": n_dims " + Integer.toUnsignedString(nDims) + " not in [1, " + MAX_DIMS + "]",
          field + " n_dims", dimsPos);
    }
    long[] shape = new long[nDims];
    long elements = 1;
    for (int d = 0; d < nDims; d++) {
      long pos = in.position();
      shape[d] = in.u64(field + " ne[" + d + "]");
      if (shape[d] <= 0) {
        throw in.error(field + ": dimension ne[" + d + "] = " + Long.toUnsignedString(shape[d])
            + " must be positive", field + " ne", pos);
      }
      try {
        elements = Math.multiplyExact(elements, shape[d]);
      } catch (ArithmeticException e) {
        throw in.error(field + ": element count overflows", field + " ne", pos);
      }
    }
    long typePos = in.position();
    int typeId = in.u32(field + " type");
    GgmlType type = GgmlType.fromId(typeId);
    if (type == null) {
      throw in.error(field + ": type " + Integer.toUnsignedString(typeId) + " unknown", field + " type", typePos);
    }
    if (shape[0] % type.blockSize() != 0) {
      throw in.error(field + ": row length ne[0] = " + shape[0] + " is not a multiple of the " + type
          + " block size " + type.blockSize(), field + " ne", dimsPos);
    }
    long byteSize;
    try {
      byteSize = type.byteSize(elements);
    } catch (ArithmeticException e) {
      throw in.error(field + ": byte size overflows", field + " ne", dimsPos);
    }
    long offPos = in.position();
    long offset = in.u64(field + " offset");
    if (offset < 0 || offset % alignment != 0) {
      throw in.error(field + ": data offset " + Long.toUnsignedString(offset) + " is not a multiple of the alignment "
          + alignment, field + " offset", offPos);
    }
    return new GgufTensorInfo(name, type, shape, offset, byteSize);
  }

  private static GgufValue readValue(GgufInput in, GgufValueType type, String field, int depth) {
    switch (type) {
      case UINT8: return GgufValue.wrapScalar(type, (long) (in.u8(field) & 0xFF));
      case INT8: return GgufValue.wrapScalar(type, (long) in.u8(field));
      case UINT16: return GgufValue.wrapScalar(type, (long) (in.u16(field) & 0xFFFF));
      case INT16: return GgufValue.wrapScalar(type, (long) in.u16(field));
      case UINT32: return GgufValue.wrapScalar(type, in.u32(field) & 0xFFFF_FFFFL);
      case INT32: return GgufValue.wrapScalar(type, (long) in.u32(field));
      case UINT64: case INT64: return GgufValue.wrapScalar(type, in.u64(field));
      case FLOAT32: return GgufValue.wrapScalar(type, in.f32(field));
      case FLOAT64: return GgufValue.wrapScalar(type, in.f64(field));
      case BOOL: return GgufValue.wrapScalar(type, in.u8(field) != 0);
      case STRING: return GgufValue.wrapScalar(type, in.string(field));
      case ARRAY: return readArray(in, field, depth);
      default: throw new AssertionError(type);
    }
  }

  private static GgufValue readArray(GgufInput in, String field, int depth) {
    long typePos = in.position();
    if (depth >= MAX_NESTING) {
      throw in.error(field + ": arrays nested deeper than " + MAX_NESTING, field, typePos);
    }
    int typeId = in.u32(field);
    GgufValueType et = GgufValueType.fromId(typeId);
    if (et == null) {
      throw in.error(field + ": array element type " + Integer.toUnsignedString(typeId) + " unknown", field, typePos);
    }
    int n = in.count(field, et.minBytes());
    switch (et) {
      case UINT8: case INT8: case UINT16: case INT16: case UINT32: case INT32: case UINT64: case INT64: {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
          a[i] = readValue(in, et, field, depth).asLong();
        }
        return GgufValue.wrapArray(et, a);
      }
      case FLOAT32: {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.f32(field);
        }
        return GgufValue.wrapArray(et, a);
      }
      case FLOAT64: {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.f64(field);
        }
        return GgufValue.wrapArray(et, a);
      }
      case BOOL: {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.u8(field) != 0;
        }
        return GgufValue.wrapArray(et, a);
      }
      case STRING: {
        String[] a = new String[n];
        for (int i = 0; i < n; i++) {
          a[i] = in.string(field);
        }
        return GgufValue.wrapArray(et, a);
      }
      case ARRAY: {
        GgufValue[] a = new GgufValue[n];
        for (int i = 0; i < n; i++) {
          a[i] = readArray(in, field, depth + 1);
        }
        return GgufValue.wrapArray(et, List.of(a));
      }
      default:
        throw new AssertionError(et);
    }
  }

  static long alignUp(long x, long alignment) {
    return (x + alignment - 1) / alignment * alignment;
  }

  // ---- file facts ------------------------------------------------------------------------------------------------

  /**
   * Returns the file this was read from.
   *
   * @return the path
   */
  public Path path() {
    return path;
  }

  /**
   * Returns the GGUF version (2 or 3).
   *
   * @return the version
   */
  public int version() {
    return version;
  }

  /**
   * Returns the file size in bytes.
   *
   * @return the size
   */
  public long fileSize() {
    return fileSize;
  }

  /**
   * Returns the data alignment ({@code general.alignment}, default 32).
   *
   * @return the alignment in bytes, a power of two
   */
  public int alignment() {
    return alignment;
  }

  /**
   * Returns the absolute file offset where the data section starts.
   *
   * @return the offset
   */
  public long dataOffset() {
    return dataOffset;
  }

  // ---- metadata --------------------------------------------------------------------------------------------------

  /**
   * Returns all metadata in file order.
   *
   * @return an unmodifiable map from key to value
   */
  public Map<String, GgufValue> metadata() {
    return metadata;
  }

  /**
   * Returns a metadata value.
   *
   * @param key the key, e.g. {@code llama.block_count}
   * @return the value, empty when absent
   */
  public Optional<GgufValue> value(String key) {
    return Optional.ofNullable(metadata.get(key));
  }

  /**
   * Returns whether a key is present.
   *
   * @param key the key
   * @return {@code true} when present
   */
  public boolean has(String key) {
    return metadata.containsKey(key);
  }

  /**
   * Returns a required string.
   *
   * @param key the key
   * @return the value
   * @throws ModelLoadException if absent or not a string
   */
  public String getString(String key) {
    GgufValue v = require(key);
    return convert(key, v, "a string", () -> v.asString());
  }

  /**
   * Returns an optional string.
   *
   * @param key the key
   * @return the value, empty when absent
   * @throws ModelLoadException if present but not a string
   */
  public Optional<String> optionalString(String key) {
    return has(key) ? Optional.of(getString(key)) : Optional.empty();
  }

  /**
   * Returns a required integer of any integer type that fits an {@code int}.
   *
   * @param key the key
   * @return the value
   * @throws ModelLoadException if absent, not an integer, or out of {@code int} range
   */
  public int getInt(String key) {
    GgufValue v = require(key);
    return convert(key, v, "an integer within int range", () -> v.asInt());
  }

  /**
   * Returns an integer of any integer type, or a default when absent.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the value
   * @throws ModelLoadException if present but not an integer within {@code int} range
   */
  public int getInt(String key, int defaultValue) {
    return has(key) ? getInt(key) : defaultValue;
  }

  /**
   * Returns a required integer of any integer type.
   *
   * @param key the key
   * @return the value ({@code UINT64}: the bit pattern)
   * @throws ModelLoadException if absent or not an integer
   */
  public long getLong(String key) {
    GgufValue v = require(key);
    return convert(key, v, "an integer", () -> v.asLong());
  }

  /**
   * Returns an integer of any integer type, or a default when absent.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the value
   * @throws ModelLoadException if present but not an integer
   */
  public long getLong(String key, long defaultValue) {
    return has(key) ? getLong(key) : defaultValue;
  }

  /**
   * Returns a required number (float32, float64 or integer) as a {@code float}.
   *
   * @param key the key
   * @return the value
   * @throws ModelLoadException if absent or not a number
   */
  public float getFloat(String key) {
    GgufValue v = require(key);
    return convert(key, v, "a number", () -> v.asFloat());
  }

  /**
   * Returns a number as a {@code float}, or a default when absent.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the value
   * @throws ModelLoadException if present but not a number
   */
  public float getFloat(String key, float defaultValue) {
    return has(key) ? getFloat(key) : defaultValue;
  }

  /**
   * Returns a boolean, or a default when absent.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the value
   * @throws ModelLoadException if present but not a bool
   */
  public boolean getBoolean(String key, boolean defaultValue) {
    GgufValue v = metadata.get(key);
    return v == null ? defaultValue : convert(key, v, "a bool", () -> v.asBoolean());
  }

  /**
   * Returns a required array of strings (a copy).
   *
   * @param key the key
   * @return the elements
   * @throws ModelLoadException if absent or not an array of strings
   */
  public String[] getStringArray(String key) {
    GgufValue v = require(key);
    return convert(key, v, "an array of strings", () -> v.asStringArray());
  }

  /**
   * Returns a required array of integers as {@code int}s.
   *
   * @param key the key
   * @return the elements
   * @throws ModelLoadException if absent, not an array of integers, or an element is out of {@code int} range
   */
  public int[] getIntArray(String key) {
    GgufValue v = require(key);
    return convert(key, v, "an array of integers within int range", () -> v.asIntArray());
  }

  /**
   * Returns a required array of numbers as {@code float}s.
   *
   * @param key the key
   * @return the elements
   * @throws ModelLoadException if absent or not an array of numbers
   */
  public float[] getFloatArray(String key) {
    GgufValue v = require(key);
    return convert(key, v, "an array of numbers", () -> v.asFloatArray());
  }

  private GgufValue require(String key) {
    GgufValue v = metadata.get(key);
    if (v == null) {
      throw new ModelLoadException(path.getFileName() + ": metadata " + key + " is missing", key, -1, null);
    }
    return v;
  }

  private <T> T convert(String key, GgufValue v, String expected, java.util.function.Supplier<T> f) {
    try {
      return f.get();
    } catch (IllegalStateException e) {
      long off = metadataOffsets.getOrDefault(key, -1L);
      throw new ModelLoadException(path.getFileName() + ": metadata " + key + ": expected " + expected + " but found "
          + describeType(v) + " (" + e.getMessage() + ") at offset " + off, key, off, e);
    }
  }

  private static String describeType(GgufValue v) {
    return v.type() == GgufValueType.ARRAY ? "array of " + v.elementType() : v.type().toString();
  }

  // ---- tensors ---------------------------------------------------------------------------------------------------

  /**
   * Returns the tensor descriptors in file order.
   *
   * @return an unmodifiable list
   */
  public List<GgufTensorInfo> tensors() {
    return tensors;
  }

  /**
   * Returns a tensor descriptor by name.
   *
   * @param name the tensor name
   * @return the descriptor, empty when absent
   */
  public Optional<GgufTensorInfo> findTensor(String name) {
    return Optional.ofNullable(tensorsByName.get(name));
  }

  /**
   * Returns a required tensor descriptor.
   *
   * @param name the tensor name
   * @return the descriptor
   * @throws ModelLoadException if the file has no such tensor
   */
  public GgufTensorInfo tensor(String name) {
    GgufTensorInfo t = tensorsByName.get(name);
    if (t == null) {
      throw new ModelLoadException(path.getFileName() + ": tensor " + name + " is missing", "tensor " + name, -1,
          null);
    }
    return t;
  }

  /**
   * Returns a tensor's bytes as a read-only, little-endian, memory-mapped buffer positioned at 0 with exactly {@link
   * GgufTensorInfo#byteSize()} bytes. The mapping is made once per tensor and shared; each call returns an
   * independent view.
   *
   * @param tensor a descriptor of this file
   * @return the data
   * @throws IllegalArgumentException if the descriptor is not one of this file's
   * @throws ModelLoadException if the tensor is 2 GiB or larger, or mapping fails
   * @throws IllegalStateException if the file was closed before this tensor was first mapped
   */
  public ByteBuffer tensorData(GgufTensorInfo tensor) {
    Integer index = tensorIndex.get(tensor.name());
    if (index == null || !tensors.get(index).equals(tensor)) {
      throw new IllegalArgumentException("tensor " + tensor.name() + " is not from " + path);
    }
    ByteBuffer b;
    synchronized (mapped) {
      b = mapped[index];
      if (b == null) {
        b = map(tensor);
        mapped[index] = b;
      }
    }
    return b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  private ByteBuffer map(GgufTensorInfo t) {
    long start = dataOffset + t.offset();
    if (t.byteSize() > Integer.MAX_VALUE) {
      throw new ModelLoadException(path.getFileName() + ": tensor " + t.name() + ": " + t.byteSize()
          + " bytes is 2 GiB or more, which cannot be mapped as one buffer at offset " + start,
          "tensor " + t.name(), start, null);
    }
    if (!channel.isOpen()) {
      throw new IllegalStateException(path + " is closed");
    }
    try {
      return channel.map(FileChannel.MapMode.READ_ONLY, start, t.byteSize()).asReadOnlyBuffer();
    } catch (IOException e) {
      throw new ModelLoadException(path.getFileName() + ": tensor " + t.name() + ": cannot map data at offset "
          + start + ": " + e.getMessage(), "tensor " + t.name(), start, e);
    }
  }

  /**
   * Closes the file handle. Idempotent.
   *
   * @throws ModelLoadException never in practice; wraps an {@link IOException} from closing
   */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      throw new ModelLoadException("cannot close " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "GgufFile[" + path + ", v" + version + ", " + metadata.size() + " metadata, " + tensors.size()
        + " tensors]";
  }
}
