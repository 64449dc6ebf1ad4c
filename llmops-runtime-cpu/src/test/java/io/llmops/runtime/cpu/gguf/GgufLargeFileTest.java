package io.llmops.runtime.cpu.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.ModelLoadException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GGUF file larger than 2 GiB, with a tensor placed beyond the 2 GiB mark, must load on Java 17 (whose mapped
 * buffers are int-indexed): data is mapped per tensor region. The file is sparse, so the test writes a few hundred
 * bytes whatever its apparent size. The header is written by hand, field by field, as the GGUF spec lays it out.
 */
class GgufLargeFileTest {
  private static final long PAD_ELEMENTS = 600_000_000L; // 2.4 GB of F32 before the small tensor

  private static void string(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(le(8).putLong(b.length).array());
    out.writeBytes(b);
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void tensorInfo(ByteArrayOutputStream out, String name, long elements, long offset) {
    string(out, name);
    out.writeBytes(le(4).putInt(1).array()); // n_dims
    out.writeBytes(le(8).putLong(elements).array()); // ne[0]
    out.writeBytes(le(4).putInt(0).array()); // type F32
    out.writeBytes(le(8).putLong(offset).array()); // offset within the data section
  }

  @Test
  void tensorBeyondTwoGibibytesIsMappedAndRead(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    header.writeBytes("GGUF".getBytes(StandardCharsets.US_ASCII));
    header.writeBytes(le(4).putInt(3).array()); // version
    header.writeBytes(le(8).putLong(2).array()); // tensor_count
    header.writeBytes(le(8).putLong(0).array()); // metadata_kv_count
    long smallOffset = PAD_ELEMENTS * 4; // a multiple of the default alignment (32)
    tensorInfo(header, "pad", PAD_ELEMENTS, 0);
    tensorInfo(header, "small", 16, smallOffset);
    long dataStart = (header.size() + 31) / 32 * 32;
    Path file = dir.resolve("large.gguf");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(header.toByteArray());
      ByteBuffer values = le(64);
      for (int i = 0; i < 16; i++) {
        values.putFloat(i * 0.5f);
      }
      raf.seek(dataStart + smallOffset);
      raf.write(values.array());
    }
    assertThat(file.toFile().length()).isGreaterThan(2L << 30);

    try (GgufFile gguf = GgufFile.open(file)) {
      ByteBuffer small = gguf.tensorData(gguf.tensor("small")).order(ByteOrder.LITTLE_ENDIAN);
      assertThat(small.remaining()).isEqualTo(64);
      for (int i = 0; i < 16; i++) {
        assertThat(small.getFloat(i * 4)).isEqualTo(i * 0.5f);
      }
      // One tensor of 2 GiB or more cannot be one Java 17 buffer: a clear error, not an overflow.
      assertThatThrownBy(() -> gguf.tensorData(gguf.tensor("pad"))).isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("pad");
    }
  }
}
