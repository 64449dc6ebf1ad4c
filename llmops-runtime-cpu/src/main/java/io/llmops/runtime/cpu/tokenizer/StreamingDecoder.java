package io.llmops.runtime.cpu.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns generated token ids into text incrementally, emitting only complete UTF-8 code points: a character whose bytes
 * are spread over several tokens (byte-fallback tokens of an emoji, a CJK character split by byte-level BPE) is held
 * back until its last byte arrives. Invalid byte sequences become U+FFFD.
 *
 * <p>Not thread-safe: one instance per generation.
 *
 * @since 0.1.0
 */
public final class StreamingDecoder {
  private final GgufTokenizer tokenizer;
  private boolean stripLeadingSpace;
  private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

  StreamingDecoder(GgufTokenizer tokenizer, boolean stripLeadingSpace) {
    this.tokenizer = tokenizer;
    this.stripLeadingSpace = stripLeadingSpace;
  }

  /**
   * Adds one token and returns the text that became complete.
   *
   * @param token a token id
   * @return the new text, possibly empty, never half a code point
   * @throws IndexOutOfBoundsException if the id is outside the vocabulary
   */
  public String accept(int token) {
    byte[] p = tokenizer.pieceShared(token);
    int skip = 0;
    if (stripLeadingSpace && p.length > 0) {
      skip = p[0] == ' ' ? 1 : 0;
      stripLeadingSpace = false;
    }
    pending.write(p, skip, p.length - skip);
    byte[] buf = pending.toByteArray();
    int complete = completePrefix(buf);
    if (complete == 0) {
      return "";
    }
    pending.reset();
    pending.write(buf, complete, buf.length - complete);
    return new String(buf, 0, complete, StandardCharsets.UTF_8);
  }

  /**
   * Returns whatever is held back (an incomplete sequence, as U+FFFD) and resets the decoder.
   *
   * @return the remaining text, usually empty
   */
  public String flush() {
    String s = new String(pending.toByteArray(), StandardCharsets.UTF_8);
    pending.reset();
    return s;
  }

  /**
   * Returns the length of the longest prefix that does not end inside a possibly valid, incomplete UTF-8 sequence.
   * Bytes that can never complete (stray continuation bytes, invalid lead bytes) count as complete, so they are
   * emitted as U+FFFD rather than held forever.
   */
  static int completePrefix(byte[] b) {
    int n = b.length;
    // Look back at most 3 bytes for the lead byte of a trailing multi-byte sequence.
    for (int back = 1; back <= Math.min(3, n); back++) {
      int c = b[n - back] & 0xFF;
      if ((c & 0xC0) == 0x80) {
        continue; // continuation byte: keep looking for the lead
      }
      int need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 1;
      if (need > back && c < 0xF5) {
        return n - back; // an incomplete sequence: hold it back
      }
      return n;
    }
    return n;
  }
}
