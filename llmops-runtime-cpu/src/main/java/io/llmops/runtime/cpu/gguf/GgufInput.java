package io.llmops.runtime.cpu.gguf;

import io.llmops.ModelLoadException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads from a file channel through a 1 MiB window, tracking the absolute offset so that every error
 * names where it happened, and checking every length against the bytes left in the file <em>before</em> allocating.
 * Not thread-safe; used only while a {@link GgufFile} is being opened.
 */
final class GgufInput {
  private static final int WINDOW = 1 << 20;

  private final FileChannel channel;
  private final long size;
  private final ByteBuffer buf = ByteBuffer.allocate(WINDOW).order(ByteOrder.LITTLE_ENDIAN);
  /** File offset of {@code buf}'s position 0. */
  private long bufStart;

  GgufInput(FileChannel channel, long size) {
    this.channel = channel;
    this.size = size;
    buf.limit(0);
  }

  long position() {
    return bufStart + buf.position();
  }

  long size() {
    return size;
  }

  long remaining() {
    return size - position();
  }

  /** Ensures {@code n <= WINDOW} bytes are buffered, or fails naming {@code field}. */
  private void need(int n, String field) {
    if (buf.remaining() >= n) {
      return;
    }
    long pos = position();
    if (size - pos < n) {
      throw truncated(field, pos, n);
    }
    buf.compact();
    bufStart = pos; // compact() moved the unread bytes to index 0
    try {
      while (buf.position() < n) {
        int r = channel.read(buf, pos + buf.position());
        if (r < 0) {
          throw truncated(field, pos, n);
        }
      }
    } catch (IOException e) {
      throw new ModelLoadException(field + ": I/O error at offset " + pos + ": " + e.getMessage(), field, pos, e);
    }
    buf.flip();
  }

  ModelLoadException truncated(String field, long pos, long n) {
    return new ModelLoadException(field + ": needs " + Long.toUnsignedString(n) + " bytes at offset " + pos
        + " but the file ends at " + size + " (truncated?)", field, pos, null);
  }

  ModelLoadException error(String message, String field, long pos) {
    return new ModelLoadException(message + " at offset " + pos, field, pos, null);
  }

  byte u8(String field) {
    need(1, field);
    return buf.get();
  }

  short u16(String field) {
    need(2, field);
    return buf.getShort();
  }

  int u32(String field) {
    need(4, field);
    return buf.getInt();
  }

  long u64(String field) {
    need(8, field);
    return buf.getLong();
  }

  float f32(String field) {
    need(4, field);
    return buf.getFloat();
  }

  double f64(String field) {
    need(8, field);
    return buf.getDouble();
  }

  /**
   * Reads an element or byte count stored as {@code uint64} and checks that {@code count * minBytes} more bytes can
   * follow in the file, so no hostile count can trigger a large allocation.
   */
  int count(String field, int minBytes) {
    long pos = position();
    long n = u64(field);
    if (n < 0 || n > Integer.MAX_VALUE - 8 || (minBytes > 0 && n > remaining() / minBytes)) {
      throw new ModelLoadException(field + ": count " + Long.toUnsignedString(n) + " exceeds the " + remaining()
          + " bytes left in the file at offset " + pos, field, pos, null);
    }
    return (int) n;
  }

  /** A GGUF string: {@code uint64} length then UTF-8 bytes. */
  String string(String field) {
    int len = count(field, 1);
    byte[] bytes = new byte[len];
    int off = 0;
    while (off < len) {
      int chunk = Math.min(len - off, WINDOW);
      need(chunk, field);
      buf.get(bytes, off, chunk);
      off += chunk;
    }
    // Decoded leniently (malformed bytes become U+FFFD) as llama.cpp does not validate either: a real vocabulary
    // with one odd token must still load.
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Skips to an absolute offset at or after the current one (data-section alignment padding). */
  void seek(long target, String field) {
    long pos = position();
    if (target < pos || target > size) {
      throw truncated(field, pos, target - pos);
    }
    long inBuf = target - bufStart;
    if (inBuf <= buf.limit()) {
      buf.position((int) inBuf);
    } else {
      bufStart = target;
      buf.clear().limit(0);
    }
  }
}
