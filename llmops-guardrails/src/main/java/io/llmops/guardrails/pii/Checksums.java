package io.llmops.guardrails.pii;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** Check-digit algorithms that separate real identifiers from look-alike numbers. Stateless. */
final class Checksums {
  private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int BECH32_CONST = 1;
  private static final int BECH32M_CONST = 0x2bc830a3;

  private Checksums() {}

  /** Luhn mod-10 (ISO/IEC 7812-1 annex B) over a string of digits. */
  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  /** IBAN check (ISO 13616-1 / ISO 7064 mod 97-10): move 4 chars to the end, letters to 10..35, remainder 1. */
  static boolean ibanMod97(String iban) {
    String s = iban.substring(4) + iban.substring(0, 4);
    int rem = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int v;
      if (c >= '0' && c <= '9') {
        v = c - '0';
        rem = (rem * 10 + v) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        v = c - 'A' + 10;
        rem = (rem * 100 + v) % 97;
      } else {
        return false;
      }
    }
    return rem == 1;
  }

  /** ISBN-10 (weights 10..1, X = 10) or ISBN-13 (weights 1,3) over digits (and a final X). */
  static boolean isbn(String s) {
    if (s.length() == 10) {
      int sum = 0;
      for (int i = 0; i < 10; i++) {
        char c = s.charAt(i);
        int v = (i == 9 && (c == 'X' || c == 'x')) ? 10 : c - '0';
        if (v < 0 || v > 10) {
          return false;
        }
        sum += v * (10 - i);
      }
      return sum % 11 == 0;
    }
    if (s.length() == 13 && (s.startsWith("978") || s.startsWith("979"))) {
      int sum = 0;
      for (int i = 0; i < 13; i++) {
        int v = s.charAt(i) - '0';
        if (v < 0 || v > 9) {
          return false;
        }
        sum += v * (i % 2 == 0 ? 1 : 3);
      }
      return sum % 10 == 0;
    }
    return false;
  }

  /**
   * Bitcoin Base58Check (legacy P2PKH "1…" and P2SH "3…" addresses): 25 bytes whose last 4 are the first 4 of
   * SHA-256(SHA-256(first 21)), version byte 0x00 or 0x05.
   */
  static boolean base58Check(String s) {
    // Base-58 to base-256, big-endian, by repeated multiply-add (no BigInteger: this runs on every candidate).
    int[] num = new int[32];
    for (int i = 0; i < s.length(); i++) {
      int carry = BASE58.indexOf(s.charAt(i));
      if (carry < 0) {
        return false;
      }
      for (int j = num.length - 1; j >= 0; j--) {
        carry += num[j] * 58;
        num[j] = carry & 0xff;
        carry >>>= 8;
      }
      if (carry != 0) {
        return false; // more than 32 bytes: far longer than an address
      }
    }
    int first = 0;
    while (first < num.length && num[first] == 0) {
      first++;
    }
    int leadingZeros = 0;
    while (leadingZeros < s.length() && s.charAt(leadingZeros) == '1') {
      leadingZeros++;
    }
    int len = leadingZeros + num.length - first;
    if (len != 25) {
      return false;
    }
    byte[] bytes = new byte[25];
    for (int j = first; j < num.length; j++) {
      bytes[leadingZeros + j - first] = (byte) num[j];
    }
    if (bytes[0] != 0x00 && bytes[0] != 0x05) {
      return false;
    }
    byte[] hash = sha256(sha256(Arrays.copyOf(bytes, 21)));
    return Arrays.equals(Arrays.copyOfRange(hash, 0, 4), Arrays.copyOfRange(bytes, 21, 25));
  }

  /**
   * Bitcoin SegWit address (BIP-173 bech32 for witness v0, BIP-350 bech32m for v1+), human-readable part "bc" or
   * "tb", single case.
   */
  static boolean bech32(String addr) {
    if (!addr.equals(addr.toLowerCase(java.util.Locale.ROOT)) && !addr.equals(addr.toUpperCase(java.util.Locale.ROOT))) {
      return false;
    }
    String s = addr.toLowerCase(java.util.Locale.ROOT);
    int pos = s.lastIndexOf('1');
    if (pos < 1 || pos + 7 > s.length() || s.length() > 90) {
      return false;
    }
    String hrp = s.substring(0, pos);
    if (!hrp.equals("bc") && !hrp.equals("tb")) {
      return false;
    }
    int[] data = new int[s.length() - pos - 1];
    for (int i = 0; i < data.length; i++) {
      int v = BECH32.indexOf(s.charAt(pos + 1 + i));
      if (v < 0) {
        return false;
      }
      data[i] = v;
    }
    int[] values = new int[hrp.length() * 2 + 1 + data.length];
    int k = 0;
    for (int i = 0; i < hrp.length(); i++) {
      values[k++] = hrp.charAt(i) >> 5;
    }
    values[k++] = 0;
    for (int i = 0; i < hrp.length(); i++) {
      values[k++] = hrp.charAt(i) & 31;
    }
    System.arraycopy(data, 0, values, k, data.length);
    int pm = polymod(values);
    int witnessVersion = data[0];
    int programChars = data.length - 1 - 6;
    int programBytes = programChars * 5 / 8;
    if (witnessVersion > 16 || programBytes < 2 || programBytes > 40) {
      return false;
    }
    if (witnessVersion == 0) {
      return pm == BECH32_CONST && (programBytes == 20 || programBytes == 32);
    }
    return pm == BECH32M_CONST;
  }

  private static int polymod(int[] values) {
    int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    int chk = 1;
    for (int v : values) {
      int b = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((b >>> i) & 1) != 0) {
          chk ^= gen[i];
        }
      }
    }
    return chk;
  }

  static byte[] sha256(byte[] in) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(in);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JRE", e);
    }
  }

  static byte[] sha256(String s) {
    return sha256(s.getBytes(StandardCharsets.UTF_8));
  }
}
