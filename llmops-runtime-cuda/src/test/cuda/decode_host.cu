// Host harness for HostDecodeTest: decodes rows of a GGML tensor with the kernels' own __host__ __device__ decoders
// (llmops_blocks.cuh), so their block layouts are checked against the CPU runtime without a GPU.
// usage: decode_host TYPE_ID ROWS COLS IN OUT   (IN: raw tensor bytes, OUT: ROWS x COLS little-endian floats)
#include <stdio.h>
#include <stdlib.h>
#include <vector>
#include "llmops_blocks.cuh"

int main(int argc, char** argv) {
  if (argc != 6) {
    fprintf(stderr, "usage: %s TYPE ROWS COLS IN OUT\n", argv[0]);
    return 2;
  }
  int type = atoi(argv[1]);
  int rows = atoi(argv[2]);
  int cols = atoi(argv[3]);
  size_t rowBytes = llmops_row_bytes(type, cols);
  std::vector<uint8_t> in(rowBytes * rows);
  FILE* f = fopen(argv[4], "rb");
  if (!f || fread(in.data(), 1, in.size(), f) != in.size()) {
    fprintf(stderr, "cannot read %zu bytes from %s\n", in.size(), argv[4]);
    return 1;
  }
  fclose(f);
  std::vector<float> out((size_t)rows * cols);
  bool plain = type == LLMOPS_TYPE_F32 || type == LLMOPS_TYPE_F16 || type == LLMOPS_TYPE_BF16;
  for (int r = 0; r < rows; r++) {
    const uint8_t* row = in.data() + rowBytes * r;
    float* o = out.data() + (size_t)r * cols;
    if (plain) {
      for (int j = 0; j < cols; j++) o[j] = llmops_elem_plain(type, row, j);
    } else {
      for (int u = 0; u < cols / 32; u++) llmops_unit(type, row, u, o + 32 * u);
    }
  }
  f = fopen(argv[5], "wb");
  fwrite(out.data(), sizeof(float), out.size(), f);
  fclose(f);
  return 0;
}
