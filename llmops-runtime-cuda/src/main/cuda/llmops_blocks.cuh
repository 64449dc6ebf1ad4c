// Block layouts of the GGML types the CUDA runtime computes with, and element decoders shared by every kernel.
//
// The weights live on the device exactly as they are in the GGUF file (no repacking), so these offsets are ggml's
// (ggml-common.h: block_q8_0, block_q4_0, block_q4_K, block_q6_K) and must equal the CPU runtime's
// (io.llmops.runtime.cpu.tensor.*Matrix). BlockLayoutTest parses the LLMOPS_* defines below and checks them against
// io.llmops.runtime.cuda.BlockLayout, which is itself checked against the CPU oracle.
//
// Every decoder is __host__ __device__: HostDecodeTest compiles them into a host program with nvcc (no GPU needed)
// and compares what they produce with the CPU runtime's dequantisation on random blocks.
//
// A "unit" is 32 consecutive elements of a row: one block of Q8_0/Q4_0, one eighth of a K-quant super-block. Matrix
// kernels give one unit at a time to a lane and decode it in registers; no dequantised copy is ever written.
#ifndef LLMOPS_BLOCKS_CUH
#define LLMOPS_BLOCKS_CUH

#include <stdint.h>
#ifdef __CUDACC__
#include <cuda_fp16.h>
#define LLMOPS_HD __host__ __device__ __forceinline__
#else
#define LLMOPS_HD inline
#endif

// GgmlType ids (GGUF tensor info), used as the kernels' type tags.
#define LLMOPS_TYPE_F32 0
#define LLMOPS_TYPE_F16 1
#define LLMOPS_TYPE_Q4_0 2
#define LLMOPS_TYPE_Q8_0 8
#define LLMOPS_TYPE_Q4_K 12
#define LLMOPS_TYPE_Q6_K 14
#define LLMOPS_TYPE_BF16 30

#define LLMOPS_UNIT 32

// block_q8_0: F16 d, int8 qs[32]
#define LLMOPS_Q8_0_BLOCK 32
#define LLMOPS_Q8_0_BYTES 34
#define LLMOPS_Q8_0_D 0
#define LLMOPS_Q8_0_QS 2
// block_q4_0: F16 d, uint8 qs[16] (element j: low nibble of qs[j], element j+16: high nibble)
#define LLMOPS_Q4_0_BLOCK 32
#define LLMOPS_Q4_0_BYTES 18
#define LLMOPS_Q4_0_D 0
#define LLMOPS_Q4_0_QS 2
// block_q4_K: F16 d, F16 dmin, uint8 scales[12] (6-bit scales and mins), uint8 qs[128]
#define LLMOPS_Q4_K_BLOCK 256
#define LLMOPS_Q4_K_BYTES 144
#define LLMOPS_Q4_K_D 0
#define LLMOPS_Q4_K_DMIN 2
#define LLMOPS_Q4_K_SCALES 4
#define LLMOPS_Q4_K_QS 16
// block_q6_K: uint8 ql[128], uint8 qh[64], int8 scales[16], F16 d
#define LLMOPS_Q6_K_BLOCK 256
#define LLMOPS_Q6_K_BYTES 210
#define LLMOPS_Q6_K_QL 0
#define LLMOPS_Q6_K_QH 128
#define LLMOPS_Q6_K_SCALES 192
#define LLMOPS_Q6_K_D 208

/** IEEE binary16 to float, bit-exact (subnormals included). */
LLMOPS_HD float llmops_h2f(uint16_t h) {
#ifdef __CUDA_ARCH__
  return __half2float(__ushort_as_half(h));
#else
  uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
  uint32_t exponent = (h >> 10) & 0x1fu;
  uint32_t mantissa = h & 0x3ffu;
  uint32_t bits;
  if (exponent == 0x1fu) {
    bits = sign | 0x7f800000u | (mantissa << 13);
  } else if (exponent == 0) {
    float m = (float)mantissa * 5.9604644775390625e-8f;  // 2^-24, exact
    return sign ? -m : m;
  } else {
    bits = sign | ((exponent + 112u) << 23) | (mantissa << 13);
  }
  union { uint32_t u; float f; } c;
  c.u = bits;
  return c.f;
#endif
}

LLMOPS_HD float llmops_bits2f(uint32_t bits) {
#ifdef __CUDA_ARCH__
  return __uint_as_float(bits);
#else
  union { uint32_t u; float f; } c;
  c.u = bits;
  return c.f;
#endif
}

/** Little-endian 16-bit load from a 2-byte aligned address (every F16 field above is at an even offset). */
LLMOPS_HD uint16_t llmops_u16(const uint8_t* p) {
  return (uint16_t)(p[0] | (p[1] << 8));
}

/** get_scale_min_k4 of ggml: the 6-bit scale and min of sub-block j (0..7) of a Q4_K super-block. */
LLMOPS_HD void llmops_q4_k_scale_min(const uint8_t* s, int j, int* sc, int* m) {
  if (j < 4) {
    *sc = s[j] & 63;
    *m = s[j + 4] & 63;
  } else {
    *sc = (s[j + 4] & 0x0f) | ((s[j - 4] >> 6) << 4);
    *m = (s[j + 4] >> 4) | ((s[j] >> 6) << 4);
  }
}

/** Decodes unit u (elements 32u..32u+31) of a Q8_0 row. */
LLMOPS_HD void llmops_unit_q8_0(const uint8_t* row, int u, float* v) {
  const uint8_t* b = row + (size_t)u * LLMOPS_Q8_0_BYTES;
  float d = llmops_h2f(llmops_u16(b + LLMOPS_Q8_0_D));
#pragma unroll
  for (int i = 0; i < 32; i++) {
    v[i] = d * (float)(int8_t)b[LLMOPS_Q8_0_QS + i];
  }
}

/** Decodes unit u of a Q4_0 row (dequantize_row_q4_0). */
LLMOPS_HD void llmops_unit_q4_0(const uint8_t* row, int u, float* v) {
  const uint8_t* b = row + (size_t)u * LLMOPS_Q4_0_BYTES;
  float d = llmops_h2f(llmops_u16(b + LLMOPS_Q4_0_D));
#pragma unroll
  for (int i = 0; i < 16; i++) {
    int q = b[LLMOPS_Q4_0_QS + i];
    v[i] = (float)((q & 0x0f) - 8) * d;
    v[i + 16] = (float)((q >> 4) - 8) * d;
  }
}

/** Decodes unit u of a Q4_K row: sub-block j = u % 8 of super-block u / 8 (dequantize_row_q4_K). */
LLMOPS_HD void llmops_unit_q4_k(const uint8_t* row, int u, float* v) {
  const uint8_t* b = row + (size_t)(u >> 3) * LLMOPS_Q4_K_BYTES;
  int j = u & 7;
  float d = llmops_h2f(llmops_u16(b + LLMOPS_Q4_K_D));
  float dmin = llmops_h2f(llmops_u16(b + LLMOPS_Q4_K_DMIN));
  int sc, m;
  llmops_q4_k_scale_min(b + LLMOPS_Q4_K_SCALES, j, &sc, &m);
  float d1 = d * (float)sc;
  float m1 = dmin * (float)m;
  const uint8_t* q = b + LLMOPS_Q4_K_QS + 32 * (j >> 1);
  int shift = (j & 1) * 4;
#pragma unroll
  for (int l = 0; l < 32; l++) {
    v[l] = d1 * (float)((q[l] >> shift) & 0x0f) - m1;
  }
}

/**
 * Decodes unit u of a Q6_K row. Within a super-block, unit k (0..7) is half h = k / 4 and quarter k % 4 of that
 * half: elements l + 32 * quarter of the half take the low (quarters 0, 1) or high (2, 3) nibble of ql[l] (quarters
 * 0, 2) or ql[l + 32] (1, 3), and bit pair `quarter` of qh[l] (dequantize_row_q6_K).
 */
LLMOPS_HD void llmops_unit_q6_k(const uint8_t* row, int u, float* v) {
  const uint8_t* b = row + (size_t)(u >> 3) * LLMOPS_Q6_K_BYTES;
  int k = u & 7;
  int h = k >> 2;
  int quarter = k & 3;
  float d = llmops_h2f(llmops_u16(b + LLMOPS_Q6_K_D));
  const uint8_t* ql = b + LLMOPS_Q6_K_QL + 64 * h + ((quarter & 1) ? 32 : 0);
  const uint8_t* qh = b + LLMOPS_Q6_K_QH + 32 * h;
  const int8_t* sc = (const int8_t*)(b + LLMOPS_Q6_K_SCALES + 8 * h) + 2 * quarter;
  int lowShift = (quarter >> 1) * 4;
  int highShift = 2 * quarter;
#pragma unroll
  for (int l = 0; l < 32; l++) {
    int q = (((ql[l] >> lowShift) & 0x0f) | (((qh[l] >> highShift) & 3) << 4)) - 32;
    v[l] = d * (float)sc[l >> 4] * (float)q;
  }
}

/** Decodes unit u of an F16 / BF16 / F32 row (rows of these types are whole units here). */
LLMOPS_HD void llmops_unit_f16(const uint8_t* row, int u, float* v) {
  const uint8_t* b = row + (size_t)u * 64;
#pragma unroll
  for (int i = 0; i < 32; i++) {
    v[i] = llmops_h2f(llmops_u16(b + 2 * i));
  }
}

LLMOPS_HD void llmops_unit_bf16(const uint8_t* row, int u, float* v) {
  const uint8_t* b = row + (size_t)u * 64;
#pragma unroll
  for (int i = 0; i < 32; i++) {
    v[i] = llmops_bits2f((uint32_t)llmops_u16(b + 2 * i) << 16);
  }
}

LLMOPS_HD void llmops_unit_f32(const uint8_t* row, int u, float* v) {
  const float* b = (const float*)row + (size_t)u * 32;
#pragma unroll
  for (int i = 0; i < 32; i++) {
    v[i] = b[i];
  }
}

/** One element of a plain-typed row (F32/F16/BF16 rows may end in a partial unit). */
LLMOPS_HD float llmops_elem_plain(int type, const uint8_t* row, int j) {
  if (type == LLMOPS_TYPE_F32) {
    return ((const float*)row)[j];
  }
  uint16_t h = llmops_u16(row + 2 * (size_t)j);
  return type == LLMOPS_TYPE_F16 ? llmops_h2f(h) : llmops_bits2f((uint32_t)h << 16);
}

/** Decodes unit u of a row of any supported type. */
LLMOPS_HD void llmops_unit(int type, const uint8_t* row, int u, float* v) {
  switch (type) {
    case LLMOPS_TYPE_Q8_0: llmops_unit_q8_0(row, u, v); break;
    case LLMOPS_TYPE_Q4_0: llmops_unit_q4_0(row, u, v); break;
    case LLMOPS_TYPE_Q4_K: llmops_unit_q4_k(row, u, v); break;
    case LLMOPS_TYPE_Q6_K: llmops_unit_q6_k(row, u, v); break;
    case LLMOPS_TYPE_F16: llmops_unit_f16(row, u, v); break;
    case LLMOPS_TYPE_BF16: llmops_unit_bf16(row, u, v); break;
    default: llmops_unit_f32(row, u, v); break;
  }
}

/** Bytes of one row of `cols` elements (cols a whole number of the type's blocks). */
LLMOPS_HD size_t llmops_row_bytes(int type, int cols) {
  switch (type) {
    case LLMOPS_TYPE_Q8_0: return (size_t)(cols / LLMOPS_Q8_0_BLOCK) * LLMOPS_Q8_0_BYTES;
    case LLMOPS_TYPE_Q4_0: return (size_t)(cols / LLMOPS_Q4_0_BLOCK) * LLMOPS_Q4_0_BYTES;
    case LLMOPS_TYPE_Q4_K: return (size_t)(cols / LLMOPS_Q4_K_BLOCK) * LLMOPS_Q4_K_BYTES;
    case LLMOPS_TYPE_Q6_K: return (size_t)(cols / LLMOPS_Q6_K_BLOCK) * LLMOPS_Q6_K_BYTES;
    case LLMOPS_TYPE_F32: return (size_t)cols * 4;
    default: return (size_t)cols * 2;
  }
}

#endif
