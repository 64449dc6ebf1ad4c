package io.llmops.runtime.cuda;

import io.llmops.runtime.cpu.tensor.GgmlType;
import java.util.Map;

/**
 * The block layouts the kernels assume (the {@code LLMOPS_*} defines of {@code llmops_blocks.cuh}): elements and
 * bytes per block and the byte offset of each field, for the quantised types computed on the GPU. Weights are
 * uploaded byte for byte from the GGUF file, so these must be ggml's; {@code BlockLayoutTest} checks them against the
 * CUDA header and against {@link GgmlType} and the CPU runtime's dequantisation (the oracle).
 *
 * <p>Immutable.
 */
enum BlockLayout {
  /** {@code block_q8_0}: F16 d, int8 qs[32]. */
  Q8_0(GgmlType.Q8_0, 32, 34, Map.of("D", 0, "QS", 2)),
  /** {@code block_q4_0}: F16 d, uint8 qs[16]. */
  Q4_0(GgmlType.Q4_0, 32, 18, Map.of("D", 0, "QS", 2)),
  /** {@code block_q4_K}: F16 d, F16 dmin, uint8 scales[12], uint8 qs[128]. */
  Q4_K(GgmlType.Q4_K, 256, 144, Map.of("D", 0, "DMIN", 2, "SCALES", 4, "QS", 16)),
  /** {@code block_q6_K}: uint8 ql[128], uint8 qh[64], int8 scales[16], F16 d. */
  Q6_K(GgmlType.Q6_K, 256, 210, Map.of("QL", 0, "QH", 128, "SCALES", 192, "D", 208));

  private final GgmlType type;
  private final int elements;
  private final int bytes;
  private final Map<String, Integer> fields;

  BlockLayout(GgmlType type, int elements, int bytes, Map<String, Integer> fields) {
    this.type = type;
    this.elements = elements;
    this.bytes = bytes;
    this.fields = fields;
  }

  GgmlType type() {
    return type;
  }

  int elements() {
    return elements;
  }

  int bytes() {
    return bytes;
  }

  /** Field name (as in the header's {@code LLMOPS_<TYPE>_<FIELD>}) to byte offset in the block. */
  Map<String, Integer> fields() {
    return fields;
  }
}
