package io.llmops.runtime.cpu.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The oracle for the scalar reference itself: one block of each type built byte by byte from the ggml layout, with
 * values computed by hand; then edge-case blocks (extreme quants, zero/subnormal/huge/infinite/NaN scales) on which
 * the vector kernels must agree with the scalar ones.
 */
class BlockLayoutTest {

  private static ByteBuffer block(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static float[] dequantize(GgmlType type, ByteBuffer bytes, int cols) {
    float[] out = new float[cols];
    Matrices.scalar(type, bytes, 1, cols).dequantizeRow(0, out, 0);
    return out;
  }

  @Test
  void f32F16AndBf16Elements() {
    ByteBuffer f32 = block(8).putFloat(0, 1.5f).putFloat(4, -0f);
    assertThat(dequantize(GgmlType.F32, f32, 2)).containsExactly(1.5f, -0f);
    ByteBuffer f16 = block(8).putShort(0, (short) 0x3c00).putShort(2, (short) 0x0001).putShort(4, (short) 0xfc00)
        .putShort(6, (short) 0xc500);
    assertThat(dequantize(GgmlType.F16, f16, 4)).containsExactly(1f, 0x1p-24f, Float.NEGATIVE_INFINITY, -5f);
    ByteBuffer bf16 = block(4).putShort(0, (short) 0x3f80).putShort(2, (short) 0xc0a0);
    assertThat(dequantize(GgmlType.BF16, bf16, 2)).containsExactly(1f, -5f);
  }

  @Test
  void q8_0IsScaleTimesSignedByte() {
    ByteBuffer b = block(34).putShort(0, (short) 0x3800); // d = 0.5
    b.put(2, (byte) -128).put(3, (byte) 127).put(4, (byte) 1).put(5, (byte) -1);
    float[] v = dequantize(GgmlType.Q8_0, b, 32);
    assertThat(v[0]).isEqualTo(-64f);
    assertThat(v[1]).isEqualTo(63.5f);
    assertThat(v[2]).isEqualTo(0.5f);
    assertThat(v[3]).isEqualTo(-0.5f);
    assertThat(v[31]).isEqualTo(0f);
  }

  @Test
  void q4_0LowNibblesAreTheFirstHalf() {
    ByteBuffer b = block(18).putShort(0, (short) 0x4000); // d = 2
    b.put(2, (byte) 0xF0).put(3, (byte) 0x81);
    float[] v = dequantize(GgmlType.Q4_0, b, 32);
    assertThat(v[0]).isEqualTo(-16f); // (0 - 8) * 2
    assertThat(v[16]).isEqualTo(14f); // (15 - 8) * 2
    assertThat(v[1]).isEqualTo(-14f); // (1 - 8) * 2
    assertThat(v[17]).isEqualTo(0f); // (8 - 8) * 2
    assertThat(v[2]).isEqualTo(-16f); // nibble 0
  }

  @Test
  void q4_kScalesMinsAndNibbles() {
    ByteBuffer b = block(144).putShort(0, (short) 0x3c00).putShort(2, (short) 0x3800); // d = 1, dmin = 0.5
    // sub-block 0: scale 1, min 2; sub-block 1: scale 3, min 0; sub-block 4: scale 17, min 33 (6-bit values whose
    // top two bits live in bytes 0 and 4, low four bits in byte 8, as get_scale_min_k4 reads them).
    b.put(4, (byte) 0x41).put(5, (byte) 3).put(8, (byte) 0x82).put(12, (byte) 0x11);
    b.put(16, (byte) 0x5A); // element 0: low nibble 10 (sub-block 0); element 32: high nibble 5 (sub-block 1)
    b.put(16 + 64, (byte) 0xF0); // element 128: low nibble 0 (sub-block 4); element 160: 15 (sub-block 5)
    float[] v = dequantize(GgmlType.Q4_K, b, 256);
    assertThat(v[0]).isEqualTo(9f); // 1 * 1 * 10 - 0.5 * 2
    assertThat(v[1]).isEqualTo(-1f); // 1 * 1 * 0 - 0.5 * 2
    assertThat(v[32]).isEqualTo(15f); // 1 * 3 * 5 - 0
    assertThat(v[128]).isEqualTo(-16.5f); // 1 * 17 * 0 - 0.5 * 33
    assertThat(v[160]).isEqualTo(0f); // sub-block 5 has scale 0 and min 0
  }

  @Test
  void q6_kLowAndHighBitsAndSignedScales() {
    ByteBuffer b = block(210).putShort(208, (short) 0x3400); // d = 0.25
    b.put(192, (byte) 2).put(193, (byte) 5).put(194, (byte) -3).put(196, (byte) 4).put(198, (byte) 1);
    b.put(0, (byte) 0x3F); // ql[0]: low nibble 15 (element 0), high nibble 3 (element 64)
    b.put(128, (byte) 0xE4); // qh[0] = 11 10 01 00: high bits 0 (el. 0), 1 (el. 32), 2 (el. 64), 3 (el. 96)
    float[] v = dequantize(GgmlType.Q6_K, b, 256);
    assertThat(v[0]).isEqualTo(-8.5f); // 0.25 * 2 * (15 - 32)
    assertThat(v[32]).isEqualTo(12f); // 0.25 * -3 * (16 - 32)
    assertThat(v[64]).isEqualTo(3f); // 0.25 * 4 * (35 - 32)
    assertThat(v[96]).isEqualTo(4f); // 0.25 * 1 * (48 - 32)
    assertThat(v[16]).isEqualTo(-40f); // scale index 1: 0.25 * 5 * (0 - 32)
    assertThat(v[128]).isEqualTo(0f); // second half: scale 0
  }

  /** Byte offsets of the F16 scales in a block. */
  private static int[] scaleOffsets(GgmlType type) {
    return switch (type) {
      case Q8_0, Q4_0 -> new int[] {0};
      case Q4_K -> new int[] {0, 2};
      case Q6_K -> new int[] {208};
      default -> throw new IllegalArgumentException(type.name());
    };
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0", "Q4_K", "Q6_K"})
  void vectorMatchesScalarOnEdgeCaseBlocks(GgmlType type) {
    int[] fills = {0x00, 0xFF, 0x80, 0x7F, 0x0F, 0xF0, -1};
    short[] scales = {0x0000, 0x0001, 0x03ff, 0x3c00, (short) 0xbc00, 0x7bff, 0x7c00, (short) 0xfc00, 0x7e00};
    int blocks = 3;
    int cols = blocks * type.blockSize();
    Random random = new Random(11);
    float[] x = Matrices.gaussian(random, cols, 1f);
    for (int fill : fills) {
      for (short scale : scales) {
        byte[] bytes = new byte[blocks * type.typeSize()];
        for (int i = 0; i < bytes.length; i++) {
          bytes[i] = (byte) (fill >= 0 ? fill : random.nextInt(256));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int blk = 0; blk < blocks; blk++) {
          for (int offset : scaleOffsets(type)) {
            buffer.putShort(blk * type.typeSize() + offset, blk == 1 ? scale : 0x3c00);
          }
        }
        checkAgreement(type, Matrices.direct(bytes), cols, x, "fill " + fill + " scale " + scale);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16"})
  void vectorMatchesScalarOnSpecialFloatElements(GgmlType type) {
    float[][] rows = {
      {Float.MIN_VALUE, 0x1p-24f, -0f, 65504f, -65504f, 1e-40f, 3f},
      {Float.POSITIVE_INFINITY, 1f, 2f, 3f, 4f, 5f, 6f},
      {Float.NaN, 1f, 2f, 3f, 4f, 5f, 6f},
    };
    Random random = new Random(12);
    for (float[] special : rows) {
      int cols = 53; // not a multiple of any vector length: exercises every phase
      float[] values = Matrices.gaussian(random, cols, 1f);
      for (int i = 0; i < special.length; i++) {
        values[i * 7] = special[i]; // spread over body, vector loop and tail
      }
      float[] x = Matrices.gaussian(random, cols, 1f);
      checkAgreement(type, Matrices.direct(Quantization.quantize(type, values)), cols, x, type + " special");
    }
  }

  private static void checkAgreement(GgmlType type, ByteBuffer bytes, int cols, float[] x, String what) {
    WeightMatrix scalar = Matrices.scalar(type, bytes, 1, cols);
    double exact = Matrices.referenceDot(scalar, 0, x, 0);
    float s = scalar.dot(0, x, 0);
    if (Double.isFinite(exact)) {
      double bound = WeightMatrixTest.TOLERANCE * Matrices.magnitude(scalar, 0, x, 0) + 1e-30;
      assertThat((double) s).as("scalar %s", what).isCloseTo(exact, within(bound));
    } else {
      assertThat(Float.isFinite(s)).as("scalar %s propagates non-finite scale", what).isFalse();
    }
    if (!Kernels.vectorEnabled()) {
      return;
    }
    float v = Matrices.vector(type, bytes, 1, cols).dot(0, x, 0);
    if (Double.isFinite(exact)) {
      double bound = WeightMatrixTest.TOLERANCE * Matrices.magnitude(scalar, 0, x, 0) + 1e-30;
      assertThat((double) v).as("vector %s", what).isCloseTo(exact, within(bound));
    } else {
      assertThat(Float.isFinite(v)).as("vector %s propagates non-finite scale", what).isFalse();
    }
  }
}
