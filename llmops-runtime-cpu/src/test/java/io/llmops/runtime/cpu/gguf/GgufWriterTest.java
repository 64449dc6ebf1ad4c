package io.llmops.runtime.cpu.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.runtime.cpu.tensor.GgmlType;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writer → reader round trips for every value type, alignments and tensor types. */
class GgufWriterTest {
  @TempDir Path dir;

  static Map<String, GgufValue> everyType() {
    Map<String, GgufValue> m = new java.util.LinkedHashMap<>();
    m.put("u8", GgufValue.ofInteger(GgufValueType.UINT8, 255));
    m.put("i8", GgufValue.ofInteger(GgufValueType.INT8, -128));
    m.put("u16", GgufValue.ofInteger(GgufValueType.UINT16, 65535));
    m.put("i16", GgufValue.ofInteger(GgufValueType.INT16, -32768));
    m.put("u32", GgufValue.ofUInt32(4_294_967_295L));
    m.put("i32", GgufValue.ofInt32(Integer.MIN_VALUE));
    m.put("u64", GgufValue.ofInteger(GgufValueType.UINT64, -1L));
    m.put("i64", GgufValue.ofInteger(GgufValueType.INT64, Long.MIN_VALUE));
    m.put("f32", GgufValue.ofFloat32(-1.5e-7f));
    m.put("f64", GgufValue.ofFloat64(Math.PI));
    m.put("bool", GgufValue.ofBool(true));
    m.put("str", GgufValue.ofString("héllo ▁ 🦙\n"));
    m.put("empty", GgufValue.ofString(""));
    m.put("a.u8", GgufValue.ofIntegerArray(GgufValueType.UINT8, 0, 1, 255));
    m.put("a.i16", GgufValue.ofIntegerArray(GgufValueType.INT16, -1, 2));
    m.put("a.u64", GgufValue.ofIntegerArray(GgufValueType.UINT64, -1L, 7));
    m.put("a.i32", GgufValue.ofInt32Array(1, -2, 3));
    m.put("a.f32", GgufValue.ofFloat32Array(0.5f, Float.NaN, Float.NEGATIVE_INFINITY));
    m.put("a.f64", GgufValue.ofFloat64Array(1e300, -0.0));
    m.put("a.bool", GgufValue.ofBoolArray(true, false));
    m.put("a.str", GgufValue.ofStringArray("a", "", "<0x0A>", "日本"));
    m.put("a.empty", GgufValue.ofInt32Array());
    m.put("a.nested", GgufValue.ofArrayArray(List.of(GgufValue.ofStringArray("x"), GgufValue.ofInt32Array(5, 6))));
    return m;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void roundTripsEveryValueType(int version) throws Exception {
    GgufWriter w = GgufWriter.create().version(version);
    everyType().forEach(w::put);
    Path p = dir.resolve("all.gguf");
    w.writeTo(p);
    try (GgufFile f = GgufFile.open(p)) {
      assertThat(f.version()).isEqualTo(version);
      assertThat(f.metadata()).containsExactlyEntriesOf(everyType());
      assertThat(f.getLong("u64")).isEqualTo(-1L);
      assertThat(f.getInt("i8")).isEqualTo(-128);
      assertThat(f.getInt("u16")).isEqualTo(65535);
      assertThat(f.getFloat("f64")).isEqualTo((float) Math.PI);
      assertThat(f.getBoolean("bool", false)).isTrue();
      assertThat(f.getIntArray("a.u8")).containsExactly(0, 1, 255);
      assertThat(f.getStringArray("a.str")).containsExactly("a", "", "<0x0A>", "日本");
      assertThat(f.getFloatArray("a.f64")).containsExactly(Float.POSITIVE_INFINITY, -0.0f);
      assertThat(f.tensors()).isEmpty();
    }
    assertThat(Files.readAllBytes(p)).isEqualTo(w.toBytes());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 8, 32, 64, 4096})
  void roundTripsTensorsAtAnyAlignment(int alignment) throws Exception {
    float[] w1 = {1, 2, 3, 4, 5, 6};
    byte[] q8 = new byte[2 * GgmlType.Q8_0.typeSize()];
    for (int i = 0; i < q8.length; i++) {
      q8[i] = (byte) (i * 7);
    }
    Path p = dir.resolve("t.gguf");
    GgufWriter.create().alignment(alignment).putString("general.architecture", "test")
        .tensor("w1", w1, 3, 2)
        .tensor("q", GgmlType.Q8_0, q8, 64)
        .tensor("one", new float[] {42f}, 1)
        .writeTo(p);
    try (GgufFile f = GgufFile.open(p)) {
      assertThat(f.alignment()).isEqualTo(alignment);
      assertThat(f.dataOffset() % alignment).isZero();
      assertThat(f.tensors()).extracting(GgufTensorInfo::name).containsExactly("w1", "q", "one");
      GgufTensorInfo t = f.tensor("w1");
      assertThat(t.shape()).containsExactly(3, 2);
      assertThat(t.byteSize()).isEqualTo(24);
      ByteBuffer b = f.tensorData(t);
      for (int i = 0; i < 6; i++) {
        assertThat(b.getFloat(i * 4)).isEqualTo(w1[i]);
      }
      GgufTensorInfo q = f.tensor("q");
      assertThat(q.type()).isEqualTo(GgmlType.Q8_0);
      assertThat(q.offset() % alignment).isZero();
      byte[] back = new byte[q8.length];
      f.tensorData(q).get(back);
      assertThat(back).isEqualTo(q8);
      assertThat(f.tensorData(f.tensor("one")).getFloat(0)).isEqualTo(42f);
    }
  }

  @Test
  void streamedTensorsAreWrittenInPlaceAndTheirSizeIsChecked() throws Exception {
    byte[] bytes = new byte[3 * 34];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 7);
    }
    Path p = dir.resolve("streamed.gguf");
    GgufWriter.create().tensor("a", new float[] {1f, 2f}, 2)
        .tensor("q", GgmlType.Q8_0, out -> out.write(bytes), 32, 3).alignment(64).writeTo(p);
    try (GgufFile f = GgufFile.open(p)) {
      ByteBuffer q = f.tensorData(f.tensor("q"));
      byte[] read = new byte[q.remaining()];
      q.duplicate().get(read);
      assertThat(read).isEqualTo(bytes);
      assertThat(f.tensor("q").offset() % 64).isZero();
    }
    GgufWriter shortSource = GgufWriter.create().tensor("q", GgmlType.Q8_0, out -> out.write(new byte[33]), 32);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> shortSource.writeTo(dir.resolve("bad.gguf")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("wrote 33 bytes, expected 34");
  }
}
