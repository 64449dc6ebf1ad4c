package io.llmops.runtime.cpu.tokenizer;

/**
 * GPT-2's reversible byte-to-character mapping ({@code bytes_to_unicode} in OpenAI's encoder): printable Latin-1 bytes
 * map to themselves, the other 68 bytes to U+0100 onwards, so that every byte sequence is a string of visible
 * characters. Byte-level BPE vocabularies store tokens in this alphabet. Stateless.
 */
final class ByteLevel {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[0x180];

  static {
    java.util.Arrays.fill(CHAR_TO_BYTE, -1);
    int n = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + n++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteLevel() {}

  /** Maps UTF-8 bytes to the byte-level alphabet. */
  static String encode(byte[] utf8) {
    char[] out = new char[utf8.length];
    for (int i = 0; i < utf8.length; i++) {
      out[i] = BYTE_TO_CHAR[utf8[i] & 0xFF];
    }
    return new String(out);
  }

  /**
   * Maps byte-level text back to bytes; characters outside the alphabet are written as their UTF-8 (llama.cpp writes
   * an {@code [UNK_BYTE_..]} marker instead, which no real vocabulary triggers).
   */
  static void decode(String text, java.io.ByteArrayOutputStream out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int b = c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
      if (b >= 0) {
        out.write(b);
      } else {
        byte[] raw = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.write(raw, 0, raw.length);
      }
    }
  }
}
