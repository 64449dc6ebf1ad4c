package io.llmops.runtime.cpu.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfFloatsTest {

  @Test
  void widensKnownBitPatternsExactly() {
    assertThat(HalfFloats.toFloat((short) 0x3c00)).isEqualTo(1f);
    assertThat(HalfFloats.toFloat((short) 0xc000)).isEqualTo(-2f);
    assertThat(HalfFloats.toFloat((short) 0x7bff)).isEqualTo(65504f);
    assertThat(HalfFloats.toFloat((short) 0x0400)).isEqualTo(0x1p-14f); // smallest normal
    assertThat(HalfFloats.toFloat((short) 0x0001)).isEqualTo(0x1p-24f); // smallest subnormal
    assertThat(HalfFloats.toFloat((short) 0x03ff)).isEqualTo(1023 * 0x1p-24f); // largest subnormal
    assertThat(HalfFloats.toFloat((short) 0x3555)).isEqualTo(0x1.554p-2f);
    assertThat(Float.floatToRawIntBits(HalfFloats.toFloat((short) 0x8000))).isEqualTo(0x8000_0000); // -0
    assertThat(HalfFloats.toFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(HalfFloats.toFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(HalfFloats.toFloat((short) 0x7e00)).isNaN();
    assertThat(HalfFloats.toFloat((short) 0x7c01)).isNaN(); // signalling NaN stays NaN, not infinity
  }

  @Test
  void everyHalfSurvivesARoundTrip() {
    for (int h = 0; h < 1 << 16; h++) {
      float f = HalfFloats.toFloat((short) h);
      assertThat(Float.floatToRawIntBits(HalfFloats.widen(h))).isEqualTo(Float.floatToRawIntBits(f));
      if (Float.isNaN(f)) {
        assertThat(HalfFloats.toFloat(HalfFloats.fromFloat(f))).isNaN();
      } else {
        assertThat(HalfFloats.fromFloat(f) & 0xffff).as("half 0x%04x", h).isEqualTo(h);
      }
    }
  }

  @Test
  void narrowsToTheNearestHalfTiesToEven() {
    // Oracle: the nearest of all finite halves, found by search; ties go to the even bit pattern.
    float[] halves = new float[0x7c00];
    for (int h = 0; h < halves.length; h++) {
      halves[h] = HalfFloats.toFloat((short) h);
    }
    Random random = new Random(3);
    for (int i = 0; i < 200_000; i++) {
      float f = i % 2 == 0 ? (float) random.nextGaussian() * 1000 : Float.intBitsToFloat(random.nextInt());
      if (Float.isNaN(f)) {
        continue;
      }
      assertThat(HalfFloats.fromFloat(f)).as("%s", f).isEqualTo(nearest(halves, f));
    }
    assertThat(HalfFloats.fromFloat(65519.99f)).isEqualTo((short) 0x7bff);
    assertThat(HalfFloats.fromFloat(65520f)).isEqualTo((short) 0x7c00);
    assertThat(HalfFloats.fromFloat(0x1p-25f)).isEqualTo((short) 0); // tie between 0 and 2^-24: even is 0
    assertThat(HalfFloats.fromFloat(0x1.8p-24f)).isEqualTo((short) 2); // tie between 1 and 2 units: even is 2
    assertThat(HalfFloats.fromFloat(Float.NEGATIVE_INFINITY)).isEqualTo((short) 0xfc00);
    assertThat(HalfFloats.toFloat(HalfFloats.fromFloat(Float.NaN))).isNaN();
  }

  private static short nearest(float[] halves, float f) {
    float a = Math.abs(f);
    int sign = Float.floatToRawIntBits(f) < 0 ? 0x8000 : 0;
    if (a >= 65520f) {
      return (short) (sign | 0x7c00);
    }
    int i = Arrays.binarySearch(halves, a);
    if (i >= 0) {
      return (short) (sign | i);
    }
    int above = -i - 1;
    int below = above - 1;
    double up = halves[above] - (double) a;
    double down = (double) a - halves[below];
    int pick = up < down ? above : down < up ? below : (above % 2 == 0 ? above : below);
    return (short) (sign | pick);
  }

  @Test
  void bfloat16IsTheTopHalfRoundedToNearestEven() {
    assertThat(HalfFloats.bf16ToFloat((short) 0x3f80)).isEqualTo(1f);
    assertThat(HalfFloats.bf16ToFloat((short) 0xff80)).isEqualTo(Float.NEGATIVE_INFINITY);
    assertThat(HalfFloats.bf16ToFloat((short) 0x0001)).isEqualTo(Float.intBitsToFloat(0x0001_0000)); // subnormal
    assertThat(HalfFloats.floatToBf16(Float.intBitsToFloat(0x3f80_8000))).isEqualTo((short) 0x3f80); // tie, even
    assertThat(HalfFloats.floatToBf16(Float.intBitsToFloat(0x3f81_8000))).isEqualTo((short) 0x3f82); // tie, even
    assertThat(HalfFloats.floatToBf16(Float.intBitsToFloat(0x3f80_8001))).isEqualTo((short) 0x3f81);
    assertThat(HalfFloats.floatToBf16(Float.MAX_VALUE)).isEqualTo((short) 0x7f80); // overflow to infinity
    assertThat(HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(Float.intBitsToFloat(0x7f80_0001)))).isNaN();
    for (int b = 0; b < 1 << 16; b++) {
      float f = HalfFloats.bf16ToFloat((short) b);
      if (!Float.isNaN(f)) {
        assertThat(HalfFloats.floatToBf16(f) & 0xffff).isEqualTo(b);
      }
    }
  }
}
