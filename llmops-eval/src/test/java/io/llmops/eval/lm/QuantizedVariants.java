package io.llmops.eval.lm;

import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.gguf.GgufTensorInfo;
import io.llmops.runtime.cpu.gguf.GgufValue;
import io.llmops.runtime.cpu.gguf.GgufWriter;
import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.Quantization;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a quantized copy of an F32 GGUF model, as {@code llama-quantize} does for the simple formats: every matrix
 * whose row length is a multiple of the type's block size is quantized; vectors (norms) and matrices with other row
 * lengths (stories260K's FFN down projection, rows of 172) stay F32, which is a valid mixed GGUF.
 */
final class QuantizedVariants {
  private QuantizedVariants() {}

  /**
   * Writes the variant and returns how many tensors were quantized.
   *
   * @param source an F32 (or partly F32) GGUF file
   * @param type the target type, e.g. Q8_0
   * @param target the file to write
   * @return the number of quantized tensors
   */
  static int write(Path source, GgmlType type, Path target) {
    int quantized = 0;
    try (GgufFile in = GgufFile.open(source)) {
      GgufWriter w = GgufWriter.create().alignment(in.alignment());
      for (Map.Entry<String, GgufValue> e : in.metadata().entrySet()) {
        if (!e.getKey().equals("general.alignment") && !e.getKey().equals("general.file_type")) {
          w.put(e.getKey(), e.getValue());
        }
      }
      for (GgufTensorInfo t : in.tensors()) {
        ByteBuffer data = in.tensorData(t);
        if (t.type() == GgmlType.F32 && type != GgmlType.F32 && t.rank() >= 2 && t.dim(0) % type.blockSize() == 0) {
          float[] v = new float[Math.toIntExact(t.elementCount())];
          data.asFloatBuffer().get(v);
          w.tensor(t.name(), type, Quantization.quantize(type, v), t.shape());
          quantized++;
        } else {
          w.tensor(t.name(), t.type(), data, t.shape());
        }
      }
      w.writeTo(target);
    }
    return quantized;
  }
}
