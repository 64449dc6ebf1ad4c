package io.llmops.runtime.cpu.tensor;

/**
 * Exact conversions between {@code float} and the two 16-bit float formats of GGUF: IEEE 754 binary16 ("F16",
 * {@code ggml_fp16_t}) and bfloat16 ("BF16", {@code ggml_bf16_t}). Java 17 has no {@code Float.float16ToFloat}.
 *
 * <p>Widening ({@link #toFloat}, {@link #bf16ToFloat}) is exact for every bit pattern, including subnormals, signed
 * zeros, infinities and NaN (payload kept). Narrowing rounds to nearest, ties to even, as the F16C instruction and
 * ggml's {@code ggml_compute_fp32_to_bf16} do; overflow gives infinity and NaN stays NaN.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class HalfFloats {

  /** Every binary16 bit pattern widened, so hot loops pay one load instead of the branches below. */
  private static final float[] HALF_TO_FLOAT = new float[1 << 16];

  static {
    for (int h = 0; h < HALF_TO_FLOAT.length; h++) {
      HALF_TO_FLOAT[h] = widen(h);
    }
  }

  private HalfFloats() {}

  /**
   * Widens an IEEE binary16 value to float (exact).
   *
   * @param half the 16 bits of the half, as stored in the file
   * @return the same number as a float
   */
  public static float toFloat(short half) {
    return HALF_TO_FLOAT[half & 0xffff];
  }

  /**
   * Narrows a float to IEEE binary16, rounding to nearest even; values at or above 65520 in magnitude become
   * infinity, values below 2<sup>-25</sup> become (signed) zero, NaN becomes a quiet NaN with the top payload bits.
   *
   * @param value the float
   * @return the 16 bits of the half
   */
  public static short fromFloat(float value) {
    int bits = Float.floatToRawIntBits(value);
    int sign = (bits >>> 16) & 0x8000;
    int abs = bits & 0x7fff_ffff;
    if (abs >= 0x7f80_0000) { // infinity or NaN
      if (abs == 0x7f80_0000) {
        return (short) (sign | 0x7c00);
      }
      int payload = (abs >>> 13) & 0x3ff;
      return (short) (sign | 0x7c00 | 0x200 | payload); // quiet NaN, never collapses to infinity
    }
    if (abs >= 0x477f_f000) { // >= 65520: halfway above the largest half (65504) rounds to infinity
      return (short) (sign | 0x7c00);
    }
    if (abs >= 0x3880_0000) { // normal half: exponent >= -14
      int exponent = (abs >>> 23) - 112;
      int mantissa = abs & 0x7f_ffff;
      int half = (exponent << 10) | (mantissa >>> 13);
      int rest = mantissa & 0x1fff;
      if (rest > 0x1000 || (rest == 0x1000 && (half & 1) != 0)) {
        half++; // a carry into the exponent is the correct rounding
      }
      return (short) (sign | half);
    }
    // Subnormal half: units of 2^-24. The scaling is exact, Math.rint rounds half to even.
    int units = (int) Math.rint(Float.intBitsToFloat(abs) * 0x1p24f);
    return (short) (sign | units);
  }

  /**
   * Widens a bfloat16 value to float (exact: bfloat16 is the top half of a float).
   *
   * @param bf16 the 16 bits, as stored in the file
   * @return the float
   */
  public static float bf16ToFloat(short bf16) {
    return Float.intBitsToFloat((bf16 & 0xffff) << 16);
  }

  /**
   * Narrows a float to bfloat16, rounding to nearest even like ggml's {@code ggml_compute_fp32_to_bf16}; NaN is
   * kept quiet.
   *
   * @param value the float
   * @return the 16 bits
   */
  public static short floatToBf16(float value) {
    int bits = Float.floatToRawIntBits(value);
    if ((bits & 0x7fff_ffff) > 0x7f80_0000) {
      return (short) ((bits >>> 16) | 0x40);
    }
    return (short) ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16);
  }

  /** Bit-exact binary16 to binary32 (IEEE 754 section 3.6), used to fill the table. */
  static float widen(int half) {
    int sign = (half & 0x8000) << 16;
    int exponent = (half >>> 10) & 0x1f;
    int mantissa = half & 0x3ff;
    if (exponent == 0x1f) {
      return Float.intBitsToFloat(sign | 0x7f80_0000 | (mantissa << 13));
    }
    if (exponent == 0) {
      float magnitude = mantissa * 0x1p-24f; // exact: mantissa < 2^10
      return sign != 0 ? -magnitude : magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
  }
}
