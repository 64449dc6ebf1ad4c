package io.llmops.runtime.cpu.model;

import io.llmops.ModelLoadException;
import io.llmops.runtime.cpu.tensor.GgmlType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** TEMPORARY minimal GGUF reader until cpu-io's GgufFile is merged; no hardening. */
final class GgufStandIn {
  record TensorInfo(String name, GgmlType type, long[] shape, long offset, long byteSize) {}

  final Map<String, Object> metadata = new LinkedHashMap<>();
  final Map<String, TensorInfo> tensors = new LinkedHashMap<>();
  private final MappedByteBuffer map;
  private long dataStart;

  private GgufStandIn(MappedByteBuffer map) {
    this.map = map;
  }

  static GgufStandIn open(Path path) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
      m.order(ByteOrder.LITTLE_ENDIAN);
      GgufStandIn g = new GgufStandIn(m);
      g.parse();
      return g;
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + path + ": " + e, e);
    }
  }

  private void parse() {
    ByteBuffer b = map.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    if (b.getInt() != 0x46554747) {
      throw new ModelLoadException("not a GGUF file");
    }
    b.getInt();
    long nt = b.getLong();
    long nkv = b.getLong();
    for (long i = 0; i < nkv; i++) {
      String k = str(b);
      metadata.put(k, value(b, b.getInt()));
    }
    for (long i = 0; i < nt; i++) {
      String name = str(b);
      int nd = b.getInt();
      long[] shape = new long[nd];
      long n = 1;
      for (int d = 0; d < nd; d++) {
        shape[d] = b.getLong();
        n *= shape[d];
      }
      GgmlType type = GgmlType.fromId(b.getInt());
      long off = b.getLong();
      tensors.put(name, new TensorInfo(name, type, shape, off, type.byteSize(n)));
    }
    long align = metadata.containsKey("general.alignment") ? ((Number) metadata.get("general.alignment")).longValue()
        : 32;
    long pos = b.position();
    dataStart = (pos + align - 1) / align * align;
  }

  ByteBuffer data(TensorInfo t) {
    return map.slice((int) (dataStart + t.offset()), (int) t.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static String str(ByteBuffer b) {
    int n = (int) b.getLong();
    byte[] a = new byte[n];
    b.get(a);
    return new String(a, StandardCharsets.UTF_8);
  }

  private static Object value(ByteBuffer b, int type) {
    switch (type) {
      case 0: return (long) (b.get() & 0xff);
      case 1: return (long) b.get();
      case 2: return (long) (b.getShort() & 0xffff);
      case 3: return (long) b.getShort();
      case 4: return b.getInt() & 0xffffffffL;
      case 5: return (long) b.getInt();
      case 6: return b.getFloat();
      case 7: return b.get() != 0;
      case 8: return str(b);
      case 9: {
        int et = b.getInt();
        int n = (int) b.getLong();
        Object[] a = new Object[n];
        for (int i = 0; i < n; i++) {
          a[i] = value(b, et);
        }
        return a;
      }
      case 10: return b.getLong();
      case 11: return b.getLong();
      case 12: return b.getDouble();
      default: throw new ModelLoadException("bad type " + type);
    }
  }
}
