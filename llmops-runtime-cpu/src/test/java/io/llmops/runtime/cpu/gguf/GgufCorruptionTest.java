package io.llmops.runtime.cpu.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.ModelLoadException;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.testing.TestFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncated, corrupt and hostile files fail with a {@link ModelLoadException} naming the field and offset. */
class GgufCorruptionTest {
  @TempDir Path dir;

  /** Opens bytes as a file; returns normally or throws ModelLoadException, never anything else. */
  static void openBytes(Path dir, byte[] bytes) throws Exception {
    Path p = dir.resolve("x.gguf");
    Files.write(p, bytes);
    try (GgufFile f = GgufFile.open(p)) {
      for (GgufTensorInfo t : f.tensors()) {
        ByteBuffer b = f.tensorData(t);
        assertThat(b.remaining()).isEqualTo(t.byteSize());
      }
    }
  }

  private static byte[] small() {
    return GgufWriter.create()
        .putString("general.architecture", "llama")
        .put("tokenizer.ggml.tokens", GgufValue.ofStringArray("a", "b", "c"))
        .put("scores", GgufValue.ofFloat32Array(1, 2, 3))
        .tensor("blk.3.attn_q.weight", new float[] {1, 2, 3, 4}, 2, 2)
        .tensor("out", new float[] {5, 6}, 2)
        .toBytes();
  }

  @Test
  void everyTruncationOfASmallFileFailsCleanly() throws Exception {
    byte[] full = small();
    openBytes(dir, full);
    int lastTensorEnd = full.length; // padding after the last tensor is optional, data before it is not
    for (int n = 0; n < lastTensorEnd - 32; n++) {
      byte[] cut = Arrays.copyOf(full, n);
      assertThatThrownBy(() -> openBytes(dir, cut)).as("truncated to %d bytes", n)
          .isInstanceOf(ModelLoadException.class)
          .satisfies(e -> assertThat(((ModelLoadException) e).field()).isNotNull());
    }
  }

  @Test
  void truncatedRealModelFailsAtManyOffsets() throws Exception {
    byte[] full = Files.readAllBytes(TestFiles.model("stories260K.gguf"));
    Random random = new Random(42);
    for (int i = 0; i < 60; i++) {
      int n = i < 40 ? random.nextInt(14_200) : random.nextInt(full.length - 1);
      byte[] cut = Arrays.copyOf(full, n);
      assertThatThrownBy(() -> openBytes(dir, cut)).as("truncated to %d bytes", n)
          .isInstanceOf(ModelLoadException.class);
    }
  }

  @Test
  void bitFlipsNeverEscapeAsOtherExceptions() throws Exception {
    byte[] full = Files.readAllBytes(TestFiles.model("stories260K.gguf"));
    Random random = new Random(7);
    int failures = 0;
    for (int i = 0; i < 120; i++) {
      byte[] copy = full.clone();
      int pos = random.nextInt(14_176); // header, metadata and tensor infos
      copy[pos] ^= (byte) (1 << random.nextInt(8));
      try {
        openBytes(dir, copy);
      } catch (ModelLoadException e) {
        failures++;
        assertThat(e.getMessage()).isNotBlank();
      }
    }
    assertThat(failures).isPositive();
  }

  @Test
  void hugeStringLengthFailsFastNamingTheField() throws Exception {
    byte[] b = small();
    // First metadata key length sits at offset 24 (magic 4, version 4, tensor_count 8, kv_count 8).
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(24, 1L << 40);
    assertThatThrownBy(() -> openBytes(dir, b))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("metadata key #0")
        .hasMessageContaining("offset 24")
        .satisfies(e -> assertThat(((ModelLoadException) e).offset()).hasValue(24));
  }

  @Test
  void hugeCountsFailFast() throws Exception {
    byte[] b = small();
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(8, Long.MAX_VALUE);
    assertThatThrownBy(() -> openBytes(dir, b)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tensor_count").hasMessageContaining("offset 8");
    byte[] c = small();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 1L << 33);
    assertThatThrownBy(() -> openBytes(dir, c)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("metadata_kv_count");
  }

  @Test
  void unknownTensorTypeNamesTensorAndOffset() throws Exception {
    byte[] b = small();
    int at = indexOf(b, "blk.3.attn_q.weight".getBytes()) + 19 + 4 + 16; // name, n_dims, 2 dims
    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 99);
    assertThatThrownBy(() -> openBytes(dir, b)).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("tensor blk.3.attn_q.weight: type 99 unknown at offset " + at);
  }

  @Test
  void badMagicVersionDimsAndAlignmentAreReported() throws Exception {
    byte[] magic = small();
    magic[0] = 'X';
    assertThatThrownBy(() -> openBytes(dir, magic)).hasMessageContaining("not a GGUF file");
    byte[] version = small();
    version[4] = 1;
    assertThatThrownBy(() -> openBytes(dir, version)).hasMessageContaining("unsupported GGUF version 1");
    byte[] bigEndian = small();
    ByteBuffer.wrap(bigEndian).order(ByteOrder.BIG_ENDIAN).putInt(4, 3);
    assertThatThrownBy(() -> openBytes(dir, bigEndian)).hasMessageContaining("big-endian");
    byte[] dims = small();
    int at = indexOf(dims, "blk.3.attn_q.weight".getBytes()) + 19;
    ByteBuffer.wrap(dims).order(ByteOrder.LITTLE_ENDIAN).putInt(at, 5);
    assertThatThrownBy(() -> openBytes(dir, dims)).hasMessageContaining("n_dims 5");
    byte[] zero = small();
    ByteBuffer.wrap(zero).order(ByteOrder.LITTLE_ENDIAN).putLong(at + 4, 0);
    assertThatThrownBy(() -> openBytes(dir, zero)).hasMessageContaining("ne[0] = 0 must be positive");
    byte[] overflow = small();
    ByteBuffer.wrap(overflow).order(ByteOrder.LITTLE_ENDIAN).putLong(at + 4, 1L << 40).putLong(at + 12, 1L << 40);
    assertThatThrownBy(() -> openBytes(dir, overflow)).hasMessageContaining("overflows");
    byte[] misaligned = small();
    ByteBuffer.wrap(misaligned).order(ByteOrder.LITTLE_ENDIAN).putLong(at + 4 + 16 + 4, 3);
    assertThatThrownBy(() -> openBytes(dir, misaligned)).hasMessageContaining("not a multiple of the alignment");
    byte[] outside = small();
    ByteBuffer.wrap(outside).order(ByteOrder.LITTLE_ENDIAN).putLong(at + 4 + 16 + 4, 1 << 20);
    assertThatThrownBy(() -> openBytes(dir, outside)).hasMessageContaining("beyond the end of the data section");

    byte[] align = GgufWriter.create().put("general.alignment", GgufValue.ofUInt32(3)).toBytes();
    assertThatThrownBy(() -> openBytes(dir, align)).hasMessageContaining("power-of-two");
  }

  @Test
  void blockSizeMismatchAndDeepNestingAreRejected() throws Exception {
    byte[] q = GgufWriter.create().tensor("q", GgmlType.Q4_0, new byte[18], 32).toBytes();
    int at = indexOf(q, "q".getBytes()) + 1 + 4;
    ByteBuffer.wrap(q).order(ByteOrder.LITTLE_ENDIAN).putLong(at, 16);
    assertThatThrownBy(() -> openBytes(dir, q)).hasMessageContaining("not a multiple of the Q4_0 block size 32");

    GgufValue v = GgufValue.ofInt32Array(1);
    for (int i = 0; i < 20; i++) {
      v = GgufValue.ofArrayArray(java.util.List.of(v));
    }
    byte[] deep = GgufWriter.create().put("deep", v).toBytes();
    assertThatThrownBy(() -> openBytes(dir, deep)).hasMessageContaining("nested deeper");
  }

  @Test
  void duplicateKeysAndTensorsAreRejected() throws Exception {
    byte[] b = GgufWriter.create().putString("aa", "x").putString("ab", "y")
        .tensor("t1", new float[] {1}, 1).tensor("t2", new float[] {1}, 1).toBytes();
    byte[] keys = b.clone();
    keys[indexOf(keys, "ab".getBytes()) + 1] = 'a';
    assertThatThrownBy(() -> openBytes(dir, keys)).hasMessageContaining("metadata aa: duplicate key");
    byte[] tensors = b.clone();
    tensors[indexOf(tensors, "t2".getBytes()) + 1] = '1';
    assertThatThrownBy(() -> openBytes(dir, tensors)).hasMessageContaining("tensor t1: duplicate tensor name");
    assertThatCode(() -> openBytes(dir, b)).doesNotThrowAnyException();
  }

  static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
