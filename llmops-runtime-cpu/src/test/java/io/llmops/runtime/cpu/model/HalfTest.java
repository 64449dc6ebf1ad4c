package io.llmops.runtime.cpu.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfTest {

  @Test
  void knownValues() {
    assertThat(Half.fromFloat(1f)).isEqualTo((short) 0x3c00);
    assertThat(Half.fromFloat(-2f)).isEqualTo((short) 0xc000);
    assertThat(Half.fromFloat(65504f)).isEqualTo((short) 0x7bff);
    assertThat(Half.fromFloat(65520f)).isEqualTo((short) 0x7c00);
    assertThat(Half.fromFloat(0x1p-24f)).isEqualTo((short) 0x0001);
    assertThat(Half.fromFloat(0x1p-14f)).isEqualTo((short) 0x0400);
    assertThat(Half.fromFloat(0x1p-26f)).isEqualTo((short) 0);
    assertThat(Half.toFloat(Half.fromFloat(Float.NaN))).isNaN();
    // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1).
    assertThat(Half.round(1f + 0x1p-11f)).isEqualTo(1f);
    assertThat(Half.round(1f + 3 * 0x1p-11f)).isEqualTo(1f + 0x1p-9f);
  }

  @Test
  void everyHalfRoundTrips() {
    for (int i = 0; i < 0x10000; i++) {
      float f = Half.toFloat((short) i);
      if (!Float.isNaN(f)) {
        assertThat(Half.fromFloat(f) & 0xffff).as("half %04x", i).isEqualTo(i);
      }
    }
  }

  @Test
  void roundingIsNearest() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    for (int i = 0; i < 100_000; i++) {
      float f = (float) ((r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(-28, 17)));
      float h = Half.round(f);
      short s = Half.fromFloat(f);
      float up = Half.toFloat((short) (s + 1));
      float down = Half.toFloat((short) (s - 1));
      if (Float.isFinite(up) && Float.isFinite(down) && (s & 0x7fff) != 0) {
        assertThat(Math.abs(f - h)).isLessThanOrEqualTo(Math.abs(f - up)).isLessThanOrEqualTo(Math.abs(f - down));
      }
    }
  }
}
