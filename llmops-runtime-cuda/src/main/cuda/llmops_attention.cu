// The KV cache and attention over it.
//
// A sequence's cache is one device allocation of F16 values (llama.cpp's default type_k/type_v, and the CPU
// runtime's): for layer l, K is at element (2l) * capacity * kvWidth and V at (2l + 1) * capacity * kvWidth, position
// p at p * kvWidth inside each. Rows of one batch may belong to different sequences (continuous batching), so every
// kernel takes, per row, the cache's base address and capacity.
//
// Attention: one block per (head, row), ATT_WARPS warps. Each warp walks positions warp, warp + ATT_WARPS, ... with an
// online softmax (running max, running sum, rescaled accumulator: Milakov & Gimelshein 2018, as in FlashAttention),
// then the warps' partial results are merged. The query is rounded to F16 first, as ggml does for an F16 cache.
#include <float.h>
#include "llmops_blocks.cuh"

#define ATT_THREADS 128
#define ATT_WARPS (ATT_THREADS / 32)
// Largest head size: every lane keeps ATT_MAX_HEAD_DIM / 32 accumulators in registers.
#define ATT_MAX_HEAD_DIM 256
#define ATT_PER_LANE (ATT_MAX_HEAD_DIM / 32)

/** Stores each row's K and V at its position; grid (ceil(kvWidth / 256), n). */
extern "C" __global__ void llmops_kv_store(const float* __restrict__ k, const float* __restrict__ v,
                                           const unsigned long long* __restrict__ cacheBase,
                                           const int* __restrict__ capacity, const int* __restrict__ positions,
                                           int kvWidth, int layer) {
  const int r = blockIdx.y;
  const int j = blockIdx.x * blockDim.x + threadIdx.x;
  if (j >= kvWidth) {
    return;
  }
  __half* base = (__half*)cacheBase[r];
  size_t plane = (size_t)capacity[r] * kvWidth;
  size_t at = (size_t)positions[r] * kvWidth + j;
  base[2 * (size_t)layer * plane + at] = __float2half_rn(k[(size_t)r * kvWidth + j]);
  base[(2 * (size_t)layer + 1) * plane + at] = __float2half_rn(v[(size_t)r * kvWidth + j]);
}

/** Causal grouped-query attention of each row over positions 0..positions[row] of its sequence; grid (heads, n). */
extern "C" __global__ void __launch_bounds__(ATT_THREADS) llmops_attention(
    const float* __restrict__ q, float* __restrict__ out, const unsigned long long* __restrict__ cacheBase,
    const int* __restrict__ capacity, const int* __restrict__ positions, int heads, int kvHeads, int headDim,
    int layer, float scale) {
  __shared__ float accs[ATT_WARPS][ATT_MAX_HEAD_DIM];
  __shared__ float maxs[ATT_WARPS];
  __shared__ float sums[ATT_WARPS];
  const int h = blockIdx.x;
  const int r = blockIdx.y;
  const int warp = threadIdx.x >> 5;
  const int lane = threadIdx.x & 31;
  const int kvW = kvHeads * headDim;
  const int kvh = h / (heads / kvHeads);
  const size_t plane = (size_t)capacity[r] * kvW;
  const __half* kc = (const __half*)cacheBase[r] + 2 * (size_t)layer * plane + (size_t)kvh * headDim;
  const __half* vc = kc + plane;
  const float* qr = q + (size_t)r * heads * headDim + (size_t)h * headDim;
  const int len = positions[r] + 1;

  float qv[ATT_PER_LANE];
  float acc[ATT_PER_LANE];
#pragma unroll
  for (int i = 0; i < ATT_PER_LANE; i++) {
    int d = lane + 32 * i;
    qv[i] = d < headDim ? __half2float(__float2half_rn(qr[d])) : 0.f;
    acc[i] = 0.f;
  }
  float m = -INFINITY;
  float l = 0.f;
  for (int p = warp; p < len; p += ATT_WARPS) {
    const __half* kp = kc + (size_t)p * kvW;
    float s = 0.f;
#pragma unroll
    for (int i = 0; i < ATT_PER_LANE; i++) {
      int d = lane + 32 * i;
      if (d < headDim) {
        s += qv[i] * __half2float(kp[d]);
      }
    }
#pragma unroll
    for (int o = 16; o > 0; o >>= 1) {
      s += __shfl_xor_sync(0xffffffffu, s, o);
    }
    s *= scale;
    float mNew = fmaxf(m, s);
    float c = expf(m - mNew);
    float e = expf(s - mNew);
    l = l * c + e;
    const __half* vp = vc + (size_t)p * kvW;
#pragma unroll
    for (int i = 0; i < ATT_PER_LANE; i++) {
      int d = lane + 32 * i;
      if (d < headDim) {
        acc[i] = acc[i] * c + e * __half2float(vp[d]);
      }
    }
    m = mNew;
  }
#pragma unroll
  for (int i = 0; i < ATT_PER_LANE; i++) {
    int d = lane + 32 * i;
    if (d < headDim) {
      accs[warp][d] = acc[i];
    }
  }
  if (lane == 0) {
    maxs[warp] = m;
    sums[warp] = l;
  }
  __syncthreads();
  float big = -INFINITY;
  for (int w = 0; w < ATT_WARPS; w++) {
    big = fmaxf(big, maxs[w]);
  }
  float total = 0.f;
  float weight[ATT_WARPS];
  for (int w = 0; w < ATT_WARPS; w++) {
    weight[w] = sums[w] > 0.f ? expf(maxs[w] - big) : 0.f;  // a warp that saw no position contributes nothing
    total += sums[w] * weight[w];
  }
  float* o = out + (size_t)r * heads * headDim + (size_t)h * headDim;
  for (int d = threadIdx.x; d < headDim; d += ATT_THREADS) {
    float s = 0.f;
    for (int w = 0; w < ATT_WARPS; w++) {
      s += accs[w][d] * weight[w];
    }
    o[d] = s / total;
  }
}
