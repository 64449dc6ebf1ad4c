// Row-wise and element-wise kernels of the forward pass and of on-device sampling. Geometry for each is computed by
// io.llmops.runtime.cuda.LaunchGeometry; OPS_THREADS is its ELEMENTWISE/ROW block size.
#include <float.h>
#include "llmops_blocks.cuh"

#define OPS_THREADS 256
#define SELECT_THREADS 1024

__device__ __forceinline__ double llmops_block_sum_d(double v, double* shared) {
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) {
    v += __shfl_xor_sync(0xffffffffu, v, o);
  }
  int warp = threadIdx.x >> 5;
  if ((threadIdx.x & 31) == 0) {
    shared[warp] = v;
  }
  __syncthreads();
  double s = 0;
  for (int i = 0; i < (int)(blockDim.x >> 5); i++) {
    s += shared[i];
  }
  __syncthreads();
  return s;
}

__device__ __forceinline__ float llmops_block_max(float v, float* shared) {
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) {
    v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  }
  int warp = threadIdx.x >> 5;
  if ((threadIdx.x & 31) == 0) {
    shared[warp] = v;
  }
  __syncthreads();
  float m = -FLT_MAX;
  for (int i = 0; i < (int)(blockDim.x >> 5); i++) {
    m = fmaxf(m, shared[i]);
  }
  __syncthreads();
  return m;
}

/** out[r] = table[tokens[r]]; plain types: one element per thread, quantised types: one 32-element unit. */
extern "C" __global__ void llmops_embed(int type, const uint8_t* __restrict__ table, const int* __restrict__ tokens,
                                        int cols, float* __restrict__ out) {
  const int r = blockIdx.y;
  const int j = blockIdx.x * blockDim.x + threadIdx.x;
  const uint8_t* row = table + (size_t)tokens[r] * llmops_row_bytes(type, cols);
  float* o = out + (size_t)r * cols;
  if (type == LLMOPS_TYPE_F32 || type == LLMOPS_TYPE_F16 || type == LLMOPS_TYPE_BF16) {
    if (j < cols) {
      o[j] = llmops_elem_plain(type, row, j);
    }
  } else if (j < (cols >> 5)) {
    float v[32];
    llmops_unit(type, row, j, v);
    for (int i = 0; i < 32; i++) {
      o[32 * j + i] = v[i];
    }
  }
}

/** RMSNorm of one row per block; the sum of squares in double like ggml_compute_forward_rms_norm_f32. */
extern "C" __global__ void llmops_rms_norm(const float* __restrict__ x, const float* __restrict__ gain, float* out,
                                           int width, float eps) {
  __shared__ double partial[32];
  const float* xr = x + (size_t)blockIdx.x * width;
  float* o = out + (size_t)blockIdx.x * width;
  double s = 0;
  for (int i = threadIdx.x; i < width; i += blockDim.x) {
    s += (double)xr[i] * xr[i];
  }
  s = llmops_block_sum_d(s, partial);
  float scale = (float)(1.0 / sqrt((double)((float)(s / width) + eps)));
  for (int i = threadIdx.x; i < width; i += blockDim.x) {
    o[i] = xr[i] * scale * gain[i];
  }
}

extern "C" __global__ void llmops_add_bias(float* x, const float* __restrict__ bias, int width, int count) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < count; i += gridDim.x * blockDim.x) {
    x[i] += bias[i % width];
  }
}

extern "C" __global__ void llmops_add(float* x, const float* __restrict__ y, int count) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < count; i += gridDim.x * blockDim.x) {
    x[i] += y[i];
  }
}

/** SwiGLU: gate = silu(gate) * up. */
extern "C" __global__ void llmops_silu_mul(float* gate, const float* __restrict__ up, int count) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < count; i += gridDim.x * blockDim.x) {
    float g = gate[i];
    gate[i] = g / (1.f + expf(-g)) * up[i];
  }
}

/**
 * RoPE in place; one thread per (row, head, pair). The angle is computed in double from the host's inverse
 * frequencies (as the CPU runtime does) so long positions keep their precision. neox: pair (i, i + half), else
 * (2i, 2i + 1).
 */
extern "C" __global__ void llmops_rope(float* x, const int* __restrict__ positions,
                                       const double* __restrict__ invFreq, int n, int heads, int width, int headDim,
                                       int half, int neox) {
  const int total = n * heads * half;
  for (int t = blockIdx.x * blockDim.x + threadIdx.x; t < total; t += gridDim.x * blockDim.x) {
    int i = t % half;
    int h = (t / half) % heads;
    int r = t / (half * heads);
    double theta = (double)positions[r] * invFreq[i];
    float c = (float)cos(theta);
    float s = (float)sin(theta);
    float* base = x + (size_t)r * width + (size_t)h * headDim;
    int i0 = neox ? i : 2 * i;
    int i1 = neox ? i + half : 2 * i + 1;
    float x0 = base[i0];
    float x1 = base[i1];
    base[i0] = x0 * c - x1 * s;
    base[i1] = x0 * s + x1 * c;
  }
}

extern "C" __global__ void llmops_gather_rows(const float* __restrict__ src, const int* __restrict__ rows, int width,
                                              float* __restrict__ dst) {
  const int j = blockIdx.x * blockDim.x + threadIdx.x;
  if (j < width) {
    dst[(size_t)blockIdx.y * width + j] = src[(size_t)rows[blockIdx.y] * width + j];
  }
}

/** Softmax of each row in place (one block per row), for on-device sampling probabilities. */
extern "C" __global__ void llmops_softmax(float* x, int width) {
  __shared__ float mx[32];
  __shared__ double sm[32];
  float* r = x + (size_t)blockIdx.x * width;
  float m = -FLT_MAX;
  for (int i = threadIdx.x; i < width; i += blockDim.x) {
    m = fmaxf(m, r[i]);
  }
  m = llmops_block_max(m, mx);
  double s = 0;
  for (int i = threadIdx.x; i < width; i += blockDim.x) {
    float e = expf(r[i] - m);
    r[i] = e;
    s += e;
  }
  s = llmops_block_sum_d(s, sm);
  float inv = (float)(1.0 / s);
  for (int i = threadIdx.x; i < width; i += blockDim.x) {
    r[i] *= inv;
  }
}

/** The better of two (value, index) candidates: larger value, then lower index (the CPU argmax keeps the first). */
__device__ __forceinline__ void llmops_better(float& v, int& i, float ov, int oi) {
  if (ov > v || (ov == v && oi < i && oi >= 0) || i < 0) {
    if (oi >= 0) {
      v = ov;
      i = oi;
    }
  }
}

__device__ void llmops_block_argmax(const float* r, int width, float* sv, int* si, float* outV, int* outI) {
  float v = -INFINITY;
  int idx = -1;
  for (int i = threadIdx.x; i < width; i += blockDim.x) {
    float x = r[i];
    if (idx < 0 || x > v || v != v) {  // a NaN is replaced by any number; per thread indices rise, so ties keep the first
      v = x;
      idx = i;
    }
  }
#pragma unroll
  for (int o = 16; o > 0; o >>= 1) {
    llmops_better(v, idx, __shfl_xor_sync(0xffffffffu, v, o), __shfl_xor_sync(0xffffffffu, idx, o));
  }
  if ((threadIdx.x & 31) == 0) {
    sv[threadIdx.x >> 5] = v;
    si[threadIdx.x >> 5] = idx;
  }
  __syncthreads();
  if (threadIdx.x == 0) {
    for (int w = 1; w < (int)(blockDim.x >> 5); w++) {
      llmops_better(v, idx, sv[w], si[w]);
    }
    *outV = v;
    *outI = idx;
  }
  __syncthreads();
}

/** Greedy sampling: out[r] = argmax of row r (one block per row). */
extern "C" __global__ void llmops_argmax(const float* __restrict__ x, int width, int* out) {
  __shared__ float sv[32];
  __shared__ int si[32];
  __shared__ float bv;
  __shared__ int bi;
  llmops_block_argmax(x + (size_t)blockIdx.x * width, width, sv, si, &bv, &bi);
  if (threadIdx.x == 0) {
    out[blockIdx.x] = bi;
  }
}

/**
 * The k largest entries of each row, in descending order (ties: lower index first): k rounds of a block argmax over
 * a scratch copy of the row, each removing its winner. O(k * width) work, fine for the k <= 256 that samplers use.
 */
extern "C" __global__ void llmops_top_k(const float* __restrict__ x, int width, int k, float* scratch, int* outIdx,
                                        float* outVal) {
  __shared__ float sv[32];
  __shared__ int si[32];
  __shared__ float bv;
  __shared__ int bi;
  const float* r = x + (size_t)blockIdx.x * width;
  float* s = scratch + (size_t)blockIdx.x * width;
  for (int i = threadIdx.x; i < width; i += blockDim.x) {
    s[i] = r[i];
  }
  __syncthreads();
  for (int round = 0; round < k; round++) {
    llmops_block_argmax(s, width, sv, si, &bv, &bi);
    if (threadIdx.x == 0) {
      outIdx[(size_t)blockIdx.x * k + round] = bi;
      outVal[(size_t)blockIdx.x * k + round] = bv;
      s[bi] = -INFINITY;
    }
    __syncthreads();
  }
}
