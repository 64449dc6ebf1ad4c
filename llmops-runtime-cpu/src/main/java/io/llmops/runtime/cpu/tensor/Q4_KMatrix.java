package io.llmops.runtime.cpu.tensor;

import java.nio.ByteBuffer;

/**
 * GGML_TYPE_Q4_K ({@code block_q4_K}): super-blocks of 256 elements, 144 bytes: F16 {@code d}, F16 {@code dmin},
 * 12 bytes of eight 6-bit scales and eight 6-bit mins (packed as ggml's {@code get_scale_min_k4} reads them), then
 * 128 bytes of nibbles. The super-block is four 64-element chunks; chunk {@code c} uses bytes {@code 32c..32c+31}:
 * low nibbles are sub-block {@code 2c}, high nibbles sub-block {@code 2c+1}; element value is
 * {@code d * scale * q - dmin * min} ({@code dequantize_row_q4_K}).
 */
final class Q4_KMatrix extends WeightMatrix {

  static final int BLOCK = 256;
  static final int BLOCK_BYTES = 144;
  static final int SCALES = 4;
  static final int QS = 16;

  Q4_KMatrix(ByteBuffer data, int rows, int cols, boolean vector) {
    super(GgmlType.Q4_K, data, rows, cols, vector);
  }

  @Override
  float dotRow(int row, float[] x, int xOffset) {
    int offset = row * rowBytes;
    return vector ? Q4_KVector.dot(data, offset, x, xOffset, cols) : dot(data, offset, x, xOffset, cols);
  }

  /** The reference: the sum of dequantised elements times x, element by element. */
  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    float sum = 0f;
    for (int b = 0; b < n / BLOCK; b++) {
      int block = offset + b * BLOCK_BYTES;
      float d = HalfFloats.toFloat(w.getShort(block));
      float dmin = HalfFloats.toFloat(w.getShort(block + 2));
      for (int c = 0; c < 4; c++) {
        float d1 = d * scale(w, block + SCALES, 2 * c);
        float m1 = dmin * min(w, block + SCALES, 2 * c);
        float d2 = d * scale(w, block + SCALES, 2 * c + 1);
        float m2 = dmin * min(w, block + SCALES, 2 * c + 1);
        int xBase = xOffset + b * BLOCK + 64 * c;
        for (int l = 0; l < 32; l++) {
          int q = w.get(block + QS + 32 * c + l) & 0xff;
          sum += (d1 * (q & 0x0f) - m1) * x[xBase + l];
          sum += (d2 * (q >>> 4) - m2) * x[xBase + 32 + l];
        }
      }
    }
    return sum;
  }

  @Override
  void dequantize(int byteOffset, float[] out, int outOffset, int count) {
    for (int b = 0; b < count / BLOCK; b++) {
      int block = byteOffset + b * BLOCK_BYTES;
      float d = HalfFloats.toFloat(data.getShort(block));
      float dmin = HalfFloats.toFloat(data.getShort(block + 2));
      for (int c = 0; c < 4; c++) {
        float d1 = d * scale(data, block + SCALES, 2 * c);
        float m1 = dmin * min(data, block + SCALES, 2 * c);
        float d2 = d * scale(data, block + SCALES, 2 * c + 1);
        float m2 = dmin * min(data, block + SCALES, 2 * c + 1);
        int base = outOffset + b * BLOCK + 64 * c;
        for (int l = 0; l < 32; l++) {
          int q = data.get(block + QS + 32 * c + l) & 0xff;
          out[base + l] = d1 * (q & 0x0f) - m1;
          out[base + 32 + l] = d2 * (q >>> 4) - m2;
        }
      }
    }
  }

  /** The 6-bit scale of sub-block {@code j} ({@code get_scale_min_k4}). */
  static int scale(ByteBuffer w, int scales, int j) {
    if (j < 4) {
      return w.get(scales + j) & 63;
    }
    return (w.get(scales + j + 4) & 0x0f) | (((w.get(scales + j - 4) & 0xff) >>> 6) << 4);
  }

  /** The 6-bit min of sub-block {@code j} ({@code get_scale_min_k4}). */
  static int min(ByteBuffer w, int scales, int j) {
    if (j < 4) {
      return w.get(scales + j + 4) & 63;
    }
    return ((w.get(scales + j + 4) & 0xff) >>> 4) | (((w.get(scales + j) & 0xff) >>> 6) << 4);
  }

  /**
   * A simple Q4_K quantiser (not ggml's iterative {@code make_qkx2_quants}, but the same format): per 32-element
   * sub-block, {@code min = min(0, min x)} and {@code scale = (max x - min) / 15}; scales are stored as 6-bit
   * multiples of {@code d = max scale / 63} (rounded up, so the range is covered) and mins as rounded multiples of
   * {@code dmin = max(-min) / 63}. Error bound per element of sub-block {@code j}:
   * {@code |x - x'| <= (range_j / 15 + d) / 2 + dmin / 2}, with {@code range_j = max x - min(0, min x)}, up to F16
   * rounding of {@code d} and {@code dmin}.
   */
  static void quantize(float[] src, int srcOffset, int n, ByteBuffer dst, int dstOffset) {
    float[] scales = new float[8];
    float[] mins = new float[8];
    int[] ls = new int[8];
    int[] lm = new int[8];
    for (int b = 0; b < n / BLOCK; b++) {
      int base = srcOffset + b * BLOCK;
      int block = dstOffset + b * BLOCK_BYTES;
      float maxScale = 0f;
      float maxMin = 0f;
      for (int j = 0; j < 8; j++) {
        float lo = 0f;
        float hi = -Float.MAX_VALUE;
        for (int l = 0; l < 32; l++) {
          lo = Math.min(lo, src[base + 32 * j + l]);
          hi = Math.max(hi, src[base + 32 * j + l]);
        }
        scales[j] = Math.max(0f, hi - lo) / 15f;
        mins[j] = -lo;
        maxScale = Math.max(maxScale, scales[j]);
        maxMin = Math.max(maxMin, mins[j]);
      }
      short dBits = HalfFloats.fromFloat(maxScale / 63f);
      short dminBits = HalfFloats.fromFloat(maxMin / 63f);
      float d = HalfFloats.toFloat(dBits);
      float dmin = HalfFloats.toFloat(dminBits);
      for (int j = 0; j < 8; j++) {
        ls[j] = d > 0f ? Math.min(63, (int) Math.ceil(scales[j] / d)) : 0;
        lm[j] = dmin > 0f ? Math.min(63, Math.round(mins[j] / dmin)) : 0;
      }
      dst.putShort(block, dBits);
      dst.putShort(block + 2, dminBits);
      for (int j = 0; j < 12; j++) {
        dst.put(block + SCALES + j, (byte) 0);
      }
      for (int j = 0; j < 8; j++) { // inverse of get_scale_min_k4
        if (j < 4) {
          dst.put(block + SCALES + j, (byte) ls[j]);
          dst.put(block + SCALES + j + 4, (byte) lm[j]);
        } else {
          dst.put(block + SCALES + j + 4, (byte) ((ls[j] & 0x0f) | ((lm[j] & 0x0f) << 4)));
          or(dst, block + SCALES + j - 4, (ls[j] >>> 4) << 6);
          or(dst, block + SCALES + j, (lm[j] >>> 4) << 6);
        }
      }
      for (int c = 0; c < 4; c++) {
        for (int l = 0; l < 32; l++) {
          int q0 = level(src[base + 64 * c + l], d * ls[2 * c], dmin * lm[2 * c]);
          int q1 = level(src[base + 64 * c + 32 + l], d * ls[2 * c + 1], dmin * lm[2 * c + 1]);
          dst.put(block + QS + 32 * c + l, (byte) (q0 | (q1 << 4)));
        }
      }
    }
  }

  private static int level(float value, float step, float offset) {
    if (step == 0f) {
      return 0;
    }
    return Math.max(0, Math.min(15, Math.round((value + offset) / step)));
  }

  private static void or(ByteBuffer dst, int at, int bits) {
    dst.put(at, (byte) (dst.get(at) | bits));
  }
}
