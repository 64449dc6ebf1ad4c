package io.llmops.runtime.cpu.tensor;

import java.nio.ByteBuffer;

/**
 * GGML_TYPE_Q6_K ({@code block_q6_K}): super-blocks of 256 elements, 210 bytes: 128 bytes {@code ql} (low 4 bits),
 * 64 bytes {@code qh} (high 2 bits), 16 signed 8-bit sub-block scales, F16 {@code d}. Each 128-element half uses 64
 * bytes of ql, 32 of qh and 8 scales; for {@code l < 32} it holds elements {@code l, l+32, l+64, l+96}: low/high
 * nibbles of {@code ql[l]} and {@code ql[l+32]}, bit pairs 0-1, 2-3, 4-5, 6-7 of {@code qh[l]}; value is
 * {@code d * scale[l/16 + 2k] * (q - 32)} ({@code dequantize_row_q6_K}).
 */
final class Q6_KMatrix extends WeightMatrix {

  static final int BLOCK = 256;
  static final int BLOCK_BYTES = 210;
  static final int QH = 128;
  static final int SCALES = 192;
  static final int D = 208;

  Q6_KMatrix(ByteBuffer data, int rows, int cols, boolean vector) {
    super(GgmlType.Q6_K, data, rows, cols, vector);
  }

  @Override
  float dotRow(int row, float[] x, int xOffset) {
    int offset = row * rowBytes;
    return vector ? Q6_KVector.dot(data, offset, x, xOffset, cols) : dot(data, offset, x, xOffset, cols);
  }

  /** The reference: the sum of dequantised elements times x, element by element, in dequantisation order. */
  static float dot(ByteBuffer w, int offset, float[] x, int xOffset, int n) {
    float sum = 0f;
    for (int b = 0; b < n / BLOCK; b++) {
      int block = offset + b * BLOCK_BYTES;
      float d = HalfFloats.toFloat(w.getShort(block + D));
      for (int half = 0; half < 2; half++) {
        int ql = block + 64 * half;
        int qh = block + QH + 32 * half;
        int sc = block + SCALES + 8 * half;
        int xBase = xOffset + b * BLOCK + 128 * half;
        for (int l = 0; l < 32; l++) {
          int is = l / 16;
          int low0 = w.get(ql + l) & 0xff;
          int low1 = w.get(ql + l + 32) & 0xff;
          int high = w.get(qh + l) & 0xff;
          sum += d * w.get(sc + is) * (((low0 & 0x0f) | ((high & 3) << 4)) - 32) * x[xBase + l];
          sum += d * w.get(sc + is + 2) * (((low1 & 0x0f) | (((high >>> 2) & 3) << 4)) - 32) * x[xBase + l + 32];
          sum += d * w.get(sc + is + 4) * (((low0 >>> 4) | (((high >>> 4) & 3) << 4)) - 32) * x[xBase + l + 64];
          sum += d * w.get(sc + is + 6) * (((low1 >>> 4) | (((high >>> 6) & 3) << 4)) - 32) * x[xBase + l + 96];
        }
      }
    }
    return sum;
  }

  @Override
  void dequantize(int byteOffset, float[] out, int outOffset, int count) {
    for (int b = 0; b < count / BLOCK; b++) {
      dequantizeBlock(data, byteOffset + b * BLOCK_BYTES, out, outOffset + b * BLOCK);
    }
  }

  private static void dequantizeBlock(ByteBuffer w, int block, float[] out, int base) {
    float d = HalfFloats.toFloat(w.getShort(block + D));
    for (int half = 0; half < 2; half++) {
      int ql = block + 64 * half;
      int qh = block + QH + 32 * half;
      int sc = block + SCALES + 8 * half;
      int y = base + 128 * half;
      for (int l = 0; l < 32; l++) {
        int is = l / 16;
        int low0 = w.get(ql + l) & 0xff;
        int low1 = w.get(ql + l + 32) & 0xff;
        int high = w.get(qh + l) & 0xff;
        int q1 = ((low0 & 0x0f) | ((high & 3) << 4)) - 32;
        int q2 = ((low1 & 0x0f) | (((high >>> 2) & 3) << 4)) - 32;
        int q3 = ((low0 >>> 4) | (((high >>> 4) & 3) << 4)) - 32;
        int q4 = ((low1 >>> 4) | (((high >>> 6) & 3) << 4)) - 32;
        out[y + l] = d * w.get(sc + is) * q1;
        out[y + l + 32] = d * w.get(sc + is + 2) * q2;
        out[y + l + 64] = d * w.get(sc + is + 4) * q3;
        out[y + l + 96] = d * w.get(sc + is + 6) * q4;
      }
    }
  }

  /**
   * A simple Q6_K quantiser in the spirit of {@code quantize_row_q6_K_ref} without its iterative refinement: per
   * 16-element sub-block the scale maps the element of largest magnitude {@code m} to -32; scales are stored as
   * signed 8-bit multiples of {@code d = s / -128} ({@code s} the largest scale); levels are
   * {@code clamp(round(x / (d * scale)), -32, 31)}. Error bound per element:
   * {@code |x - x'| <= max|x|_sub / 32 + 16 * |d|} (the clamp at 31 on the side opposite {@code m}, plus the scale's
   * rounding), up to F16 rounding of {@code d}.
   */
  static void quantize(float[] src, int srcOffset, int n, ByteBuffer dst, int dstOffset) {
    float[] scales = new float[16];
    int[] levels = new int[BLOCK];
    for (int b = 0; b < n / BLOCK; b++) {
      int base = srcOffset + b * BLOCK;
      int block = dstOffset + b * BLOCK_BYTES;
      float maxScale = 0f;
      for (int s = 0; s < 16; s++) {
        float amax = 0f;
        float max = 0f;
        for (int l = 0; l < 16; l++) {
          float v = src[base + 16 * s + l];
          if (amax < Math.abs(v)) {
            amax = Math.abs(v);
            max = v;
          }
        }
        scales[s] = max / -32f;
        if (Math.abs(scales[s]) > Math.abs(maxScale)) {
          maxScale = scales[s];
        }
      }
      float iscale = maxScale != 0f ? -128f / maxScale : 0f;
      short dBits = HalfFloats.fromFloat(iscale != 0f ? 1f / iscale : 0f);
      float d = HalfFloats.toFloat(dBits);
      dst.putShort(block + D, dBits);
      for (int s = 0; s < 16; s++) {
        int sc = Math.min(127, Math.round(iscale * scales[s]));
        dst.put(block + SCALES + s, (byte) sc);
        float step = d * sc;
        for (int l = 0; l < 16; l++) {
          int q = step != 0f ? Math.max(-32, Math.min(31, Math.round(src[base + 16 * s + l] / step))) : 0;
          levels[16 * s + l] = q + 32;
        }
      }
      for (int half = 0; half < 2; half++) {
        int ql = block + 64 * half;
        int qh = block + QH + 32 * half;
        int y = 128 * half;
        for (int l = 0; l < 32; l++) {
          int l0 = levels[y + l];
          int l1 = levels[y + l + 32];
          int l2 = levels[y + l + 64];
          int l3 = levels[y + l + 96];
          dst.put(ql + l, (byte) ((l0 & 0x0f) | ((l2 & 0x0f) << 4)));
          dst.put(ql + l + 32, (byte) ((l1 & 0x0f) | ((l3 & 0x0f) << 4)));
          dst.put(qh + l, (byte) ((l0 >>> 4) | ((l1 >>> 4) << 2) | ((l2 >>> 4) << 4) | ((l3 >>> 4) << 6)));
        }
      }
    }
  }
}
