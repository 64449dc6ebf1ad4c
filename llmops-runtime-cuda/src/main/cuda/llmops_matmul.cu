// Matrix products out[t][r] = dot(W row r, x[t]) for every GGML type the runtime supports, straight from the
// quantised bytes: each lane decodes one 32-element unit into registers and multiplies it with up to TOK activation
// rows, so a weight is read once per TOK tokens and never dequantised to memory.
//
// Geometry (io.llmops.runtime.cuda.LaunchGeometry.matMul): blocks of MM_THREADS threads = MM_ROWS warps, one weight
// row per warp; grid.x = ceil(rows / MM_ROWS), grid.y = ceil(n / TOK). TOK is 1 for the llmops_matvec_* entry points
// (decode) and MM_TOKENS for llmops_matmul_* (prefill / batched decode).
#include "llmops_blocks.cuh"

#define MM_THREADS 128
#define MM_ROWS (MM_THREADS / 32)
#define MM_TOKENS 8

__device__ __forceinline__ float llmops_warp_sum(float v) {
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) {
    v += __shfl_xor_sync(0xffffffffu, v, o);
  }
  return v;
}

template <int TYPE, int TOK>
__device__ __forceinline__ void llmops_mm(const uint8_t* __restrict__ w, const float* __restrict__ x,
                                          float* __restrict__ y, int rows, int cols, int n) {
  const int lane = threadIdx.x & 31;
  const int row = blockIdx.x * MM_ROWS + (threadIdx.x >> 5);
  const int t0 = blockIdx.y * TOK;
  if (row >= rows || t0 >= n) {
    return;  // whole warps leave together: row and t0 are uniform within a warp
  }
  const int tn = min(TOK, n - t0);
  const uint8_t* wr = w + (size_t)row * llmops_row_bytes(TYPE, cols);
  const float* xt = x + (size_t)t0 * cols;
  float acc[TOK];
#pragma unroll
  for (int t = 0; t < TOK; t++) {
    acc[t] = 0.f;
  }
  const bool plain = TYPE == LLMOPS_TYPE_F32 || TYPE == LLMOPS_TYPE_F16 || TYPE == LLMOPS_TYPE_BF16;
  if (plain && (cols & 31) != 0) {
    // Plain rows need not be whole units (e.g. an F32 ffn of 172): one element per lane per step.
    for (int j = lane; j < cols; j += 32) {
      float wv = llmops_elem_plain(TYPE, wr, j);
#pragma unroll
      for (int t = 0; t < TOK; t++) {
        if (t < tn) {
          acc[t] += wv * xt[(size_t)t * cols + j];
        }
      }
    }
  } else {
    const int units = cols >> 5;
    for (int u = lane; u < units; u += 32) {
      float v[32];
      llmops_unit(TYPE, wr, u, v);
#pragma unroll
      for (int t = 0; t < TOK; t++) {
        if (t < tn) {
          // cols is a multiple of 32 here, so every unit of x is 128-byte aligned: vector loads are safe.
          const float4* xr = (const float4*)(xt + (size_t)t * cols + (size_t)u * 32);
          float s = 0.f;
#pragma unroll
          for (int i = 0; i < 8; i++) {
            float4 q = xr[i];
            s += v[4 * i] * q.x + v[4 * i + 1] * q.y + v[4 * i + 2] * q.z + v[4 * i + 3] * q.w;
          }
          acc[t] += s;
        }
      }
    }
  }
#pragma unroll
  for (int t = 0; t < TOK; t++) {
    float s = llmops_warp_sum(acc[t]);
    if (lane == 0 && t < tn) {
      y[(size_t)(t0 + t) * rows + row] = s;
    }
  }
}

#define LLMOPS_MM_ENTRY(NAME, TYPE)                                                                           \
  extern "C" __global__ void __launch_bounds__(MM_THREADS) llmops_matvec_##NAME(                               \
      const uint8_t* __restrict__ w, const float* __restrict__ x, float* __restrict__ y, int rows, int cols,     \
      int n) {                                                                                                 \
    llmops_mm<TYPE, 1>(w, x, y, rows, cols, n);                                                                \
  }                                                                                                            \
  extern "C" __global__ void __launch_bounds__(MM_THREADS) llmops_matmul_##NAME(                               \
      const uint8_t* __restrict__ w, const float* __restrict__ x, float* __restrict__ y, int rows, int cols,     \
      int n) {                                                                                                 \
    llmops_mm<TYPE, MM_TOKENS>(w, x, y, rows, cols, n);                                                        \
  }

LLMOPS_MM_ENTRY(f32, LLMOPS_TYPE_F32)
LLMOPS_MM_ENTRY(f16, LLMOPS_TYPE_F16)
LLMOPS_MM_ENTRY(bf16, LLMOPS_TYPE_BF16)
LLMOPS_MM_ENTRY(q8_0, LLMOPS_TYPE_Q8_0)
LLMOPS_MM_ENTRY(q4_0, LLMOPS_TYPE_Q4_0)
LLMOPS_MM_ENTRY(q4_k, LLMOPS_TYPE_Q4_K)
LLMOPS_MM_ENTRY(q6_k, LLMOPS_TYPE_Q6_K)
