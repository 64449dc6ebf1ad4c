package io.llmops.runtime.cpu.model;

/**
 * IEEE 754 binary16 conversion for the F16 KV cache (Java 17 has no {@code Float.floatToFloat16}). Encoding rounds to
 * nearest even, keeps infinities and NaN, and produces subnormals; decoding is a table lookup.
 */
final class Half {
  private static final float[] TO_FLOAT = new float[1 << 16];

  static {
    for (int i = 0; i < TO_FLOAT.length; i++) {
      TO_FLOAT[i] = decode((short) i);
    }
  }

  private Half() {}

  static float toFloat(short h) {
    return TO_FLOAT[h & 0xffff];
  }

  /** Rounds a float to the nearest binary16 value, as a float. */
  static float round(float f) {
    return toFloat(fromFloat(f));
  }

  static short fromFloat(float f) {
    int bits = Float.floatToRawIntBits(f);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7fffffff;
    if (abs >= 0x7f800000) { // Inf or NaN
      return (short) (sign | 0x7c00 | (abs > 0x7f800000 ? 0x200 : 0));
    }
    if (abs >= 0x477ff000) { // rounds to >= 65520: overflow to infinity
      return (short) (sign | 0x7c00);
    }
    if (abs < 0x38800000) { // below the smallest normal half (2^-14): subnormal or zero
      if (abs < 0x33000000) { // below half the smallest subnormal (2^-25)
        return (short) sign;
      }
      int exp = abs >>> 23;
      int mant = (abs & 0x7fffff) | 0x800000;
      int shift = 126 - exp; // 14 + 13 - (exp - 127) ... yields the subnormal mantissa
      int m = mant >>> shift;
      int rem = mant & ((1 << shift) - 1);
      int halfway = 1 << (shift - 1);
      if (rem > halfway || (rem == halfway && (m & 1) != 0)) {
        m++;
      }
      return (short) (sign | m);
    }
    int rounded = abs + 0xfff + ((abs >>> 13) & 1); // round to nearest even at bit 13
    return (short) (sign | ((rounded - 0x38000000) >>> 13));
  }

  private static float decode(short h) {
    int bits = h & 0xffff;
    int sign = (bits & 0x8000) << 16;
    int exp = (bits >>> 10) & 0x1f;
    int mant = bits & 0x3ff;
    if (exp == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }
}
