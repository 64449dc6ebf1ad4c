package io.llmops.runtime.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.runtime.cpu.tensor.GgmlType;
import io.llmops.runtime.cpu.tensor.Quantization;
import io.llmops.runtime.cpu.tensor.WeightMatrix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The kernels' block decoders (llmops_blocks.cuh, compiled for the host by nvcc) against the CPU runtime's
 * dequantisation (the oracle), bit for bit, on random bytes (every bit pattern of scales and quants, F16 scales
 * included) and on quantised random data.
 */
class HostDecodeTest {
  @TempDir
  static Path dir;
  static Path exe;

  @BeforeAll
  static void build() throws Exception {
    Nvcc.require();
    exe = dir.resolve("decode_host");
    Nvcc.run(Path.of("."), List.of("nvcc", "-O1", "-I", "src/main/cuda", "-o", exe.toString(),
        "src/test/cuda/decode_host.cu"));
  }

  @ParameterizedTest
  @EnumSource(names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q6_K"})
  void decodersMatchTheCpuOracle(GgmlType type) throws Exception {
    SplittableRandom random = new SplittableRandom(type.id());
    int rows = 3;
    int cols = LaunchGeometry.plain(type) ? 172 : 512; // plain: a row that is not whole units
    byte[] raw = new byte[(int) type.byteSize((long) rows * cols)];
    random.nextBytes(raw);
    check(type, raw, rows, cols);
    float[] values = new float[rows * cols];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * 0.05);
    }
    check(type, Quantization.quantize(type, values), rows, cols);
  }

  private static void check(GgmlType type, byte[] raw, int rows, int cols) throws Exception {
    Path in = dir.resolve(type + ".in");
    Path out = dir.resolve(type + ".out");
    Files.write(in, raw);
    Nvcc.run(dir, List.of(exe.toString(), String.valueOf(type.id()), String.valueOf(rows), String.valueOf(cols),
        in.toString(), out.toString()));
    ByteBuffer got = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
    WeightMatrix oracle = WeightMatrix.of(type, ByteBuffer.wrap(raw), rows, cols);
    float[] row = new float[cols];
    for (int r = 0; r < rows; r++) {
      oracle.dequantizeRow(r, row, 0);
      for (int j = 0; j < cols; j++) {
        float g = got.getFloat((r * cols + j) * Float.BYTES);
        float e = row[j];
        assertThat(Float.isNaN(g) && Float.isNaN(e) || Float.floatToIntBits(g) == Float.floatToIntBits(e))
            .as("%s row %d element %d: kernel %s, CPU %s", type, r, j, g, e).isTrue();
      }
    }
  }
}
