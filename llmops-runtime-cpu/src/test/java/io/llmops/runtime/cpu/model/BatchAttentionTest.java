package io.llmops.runtime.cpu.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.runtime.cpu.model.TensorOps.Activations;
import io.llmops.runtime.cpu.model.TensorOps.AttentionShape;
import io.llmops.runtime.cpu.model.TensorOps.KvCache;
import io.llmops.runtime.cpu.model.TensorOps.Weight;
import io.llmops.runtime.cpu.tensor.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The batch (prefill) attention, which converts the sequence's F16 cache to float once per layer (keys transposed),
 * against the one-row-at-a-time (decode) attention over the F16 cache as oracle: same sequence, same positions,
 * several thread counts and head shapes (head dimensions that are and are not multiples of the vector width). Both
 * sum every score in the same order, so the results are identical.
 */
class BatchAttentionTest {

  @ParameterizedTest(name = "heads={0} kvHeads={1} headDim={2} n={3} threads={4}")
  @CsvSource({"4, 2, 64, 12, 1", "4, 2, 64, 12, 2", "3, 3, 10, 9, 2", "8, 1, 6, 33, 3"})
  void batchAttentionIsTheRowByRowAttention(int heads, int kvHeads, int hd, int n, int threads) {
    AttentionShape shape = new AttentionShape(heads, kvHeads, hd);
    int qW = heads * hd;
    int kvW = kvHeads * hd;
    Random random = new Random(n * 31 + hd);
    try (CpuTensorOps ops = CpuTensorOps.create(threads)) {
      Weight qs = table(ops, random, n, qW);
      Weight ks = table(ops, random, n, kvW);
      Weight vs = table(ops, random, n, kvW);
      int[] tokens = new int[n];
      int[] positions = new int[n];
      for (int i = 0; i < n; i++) {
        tokens[i] = i;
        positions[i] = i;
      }
      // Batch: one call for all rows of one sequence (the layer index 1 checks the per-layer storage too).
      KvCache batchCache = ops.kvCache(2, kvW, n);
      KvCache[] caches = new KvCache[n];
      Arrays.fill(caches, batchCache);
      Activations q = ops.activations(n, qW);
      Activations k = ops.activations(n, kvW);
      Activations v = ops.activations(n, kvW);
      Activations out = ops.activations(n, qW);
      ops.embed(qs, tokens, n, q);
      ops.embed(ks, tokens, n, k);
      ops.embed(vs, tokens, n, v);
      ops.attention(1, q, k, v, n, caches, positions, shape, out);

      // Oracle: the same rows one at a time, each attending over the F16 cache.
      KvCache rowCache = ops.kvCache(2, kvW, n);
      Activations q1 = ops.activations(1, qW);
      Activations k1 = ops.activations(1, kvW);
      Activations v1 = ops.activations(1, kvW);
      Activations out1 = ops.activations(1, qW);
      float[] expected = new float[qW];
      float[] actual = new float[qW];
      for (int i = 0; i < n; i++) {
        int[] token = {i};
        ops.embed(qs, token, 1, q1);
        ops.embed(ks, token, 1, k1);
        ops.embed(vs, token, 1, v1);
        ops.attention(1, q1, k1, v1, 1, new KvCache[] {rowCache}, new int[] {i}, shape, out1);
        ops.read(out1, 0, expected, 0);
        ops.read(out, i, actual, 0);
        assertThat(actual).as("row %d", i).containsExactly(expected);
      }
    }
  }

  /** A table of {@code rows x cols} Gaussian floats, as an F32 weight whose rows {@code embed} copies out. */
  private static Weight table(CpuTensorOps ops, Random random, int rows, int cols) {
    ByteBuffer bytes = ByteBuffer.allocate(rows * cols * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < rows * cols; i++) {
      bytes.putFloat(i * 4, (float) random.nextGaussian());
    }
    return ops.weight("table", GgmlType.F32, bytes, rows, cols);
  }
}
