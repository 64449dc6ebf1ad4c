package io.llmops.runtime.cpu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** dequantize(quantize(x)) stays within each format's documented per-element error bound. */
class QuantizationTest {

  private static final int N = 1024;

  private static float[][] inputs() {
    Random random = new Random(5);
    float[] gaussian = Matrices.gaussian(random, N, 0.02f);
    float[] uniform = new float[N];
    float[] positive = new float[N];
    float[] outliers = Matrices.gaussian(random, N, 1f);
    for (int i = 0; i < N; i++) {
      uniform[i] = random.nextFloat() * 8 - 4;
      positive[i] = random.nextFloat() * 3;
    }
    for (int i = 0; i < N; i += 97) {
      outliers[i] *= 50;
    }
    float[] zeros = new float[N];
    return new float[][] {gaussian, uniform, positive, outliers, zeros};
  }

  private static float[] roundTrip(GgmlType type, float[] values) {
    WeightMatrix m = Matrices.scalar(type, ByteBuffer.wrap(Quantization.quantize(type, values)), 1, values.length);
    float[] out = new float[values.length];
    m.dequantizeRow(0, out, 0);
    return out;
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
  void roundTripErrorIsWithinTheDocumentedBound(GgmlType type) {
    for (float[] x : inputs()) {
      float[] y = roundTrip(type, x);
      for (int i = 0; i < x.length; i++) {
        assertThat((double) Math.abs(x[i] - y[i])).as("%s element %d: %s -> %s", type, i, x[i], y[i])
            .isLessThanOrEqualTo(bound(type, x, i));
      }
    }
  }

  /** The per-element bounds stated on each quantiser, computed from the input alone. */
  private static double bound(GgmlType type, float[] x, int i) {
    double slack = 1e-7;
    switch (type) {
      case F32:
        return 0;
      case F16:
        return Math.abs(x[i]) * 0x1p-11 + 0x1p-25;
      case BF16:
        return Math.abs(x[i]) * 0x1p-8;
      case Q8_0:
        return amax(x, i, 32) * (1.0 / 254 + 0x1p-11) + slack;
      case Q4_0:
        return amax(x, i, 32) * (1.0 / 8 + 0x1p-10) + slack;
      case Q4_K: {
        int block = i / 256 * 256;
        double maxScale = 0;
        double maxMin = 0;
        for (int j = 0; j < 8; j++) {
          double lo = 0;
          double hi = -Double.MAX_VALUE;
          for (int l = 0; l < 32; l++) {
            lo = Math.min(lo, x[block + 32 * j + l]);
            hi = Math.max(hi, x[block + 32 * j + l]);
          }
          maxScale = Math.max(maxScale, (hi - lo) / 15);
          maxMin = Math.max(maxMin, -lo);
        }
        int sub = i / 32 * 32;
        double lo = 0;
        double hi = -Double.MAX_VALUE;
        for (int l = 0; l < 32; l++) {
          lo = Math.min(lo, x[sub + l]);
          hi = Math.max(hi, x[sub + l]);
        }
        double range = hi - lo;
        return ((range / 15 + maxScale / 63) / 2 + maxMin / 63 / 2) * (1 + 0x1p-9) + range * 0x1p-9 + slack;
      }
      case Q6_K:
        return (amax(x, i, 16) / 32 + amax(x, i, 256) / 256) * (1 + 0x1p-9) + slack;
      default:
        throw new IllegalArgumentException(type.name());
    }
  }

  private static double amax(float[] x, int i, int group) {
    int start = i / group * group;
    double amax = 0;
    for (int j = start; j < start + group; j++) {
      amax = Math.max(amax, Math.abs(x[j]));
    }
    return amax;
  }

  @Test
  void q8_0FollowsTheGgmlReference() {
    float[] x = new float[32];
    for (int j = 0; j < 32; j++) {
      x[j] = j - 16.5f; // max |x| = 16.5 at j = 0: d = 16.5 / 127
    }
    ByteBuffer b = ByteBuffer.wrap(Quantization.quantize(GgmlType.Q8_0, x)).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(b.getShort(0)).isEqualTo(HalfFloats.fromFloat(16.5f / 127));
    assertThat(b.get(2)).isEqualTo((byte) -127);
    assertThat(b.get(2 + 16)).isEqualTo((byte) -4); // -0.5 * 127 / 16.5 = -3.85 -> -4
    assertThat(b.get(2 + 31)).isEqualTo((byte) 112); // 14.5 * 127 / 16.5 = 111.6 -> 112
  }

  @Test
  void q4_0FollowsTheGgmlReference() {
    float[] x = new float[32];
    x[0] = 4f; // largest magnitude, positive: d = 4 / -8 = -0.5, so 4 maps to level 0
    x[16] = -4f; // opposite side: clamps at level 15, i.e. 7 * d = -3.5
    x[1] = 1f; // 1 / -0.5 + 8.5 = 6.5 -> level 6
    byte[] bytes = Quantization.quantize(GgmlType.Q4_0, x);
    assertThat(HalfFloats.toFloat((short) ((bytes[0] & 0xff) | bytes[1] << 8))).isEqualTo(-0.5f);
    assertThat(bytes[2] & 0xff).isEqualTo(0xF0); // element 0 -> 0, element 16 -> 15
    assertThat(bytes[3] & 0x0f).isEqualTo(6);
  }

  @Test
  void rejectsUnsupportedTypesAndPartialBlocks() {
    assertThatThrownBy(() -> Quantization.quantize(GgmlType.Q5_0, new float[32]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot quantize to Q5_0");
    assertThatThrownBy(() -> Quantization.quantize(GgmlType.Q8_0, new float[33]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a whole number");
    assertThatThrownBy(() -> Quantization.quantize(GgmlType.Q8_0, new float[32], 0, 32, ByteBuffer.allocate(33), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
