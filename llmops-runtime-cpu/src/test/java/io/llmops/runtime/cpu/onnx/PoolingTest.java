package io.llmops.runtime.cpu.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PoolingTest {
  // Two rows, three tokens, two dimensions; row 1 has one padding token.
  private static final float[] HIDDEN = {
    1, 2, 3, 4, 5, 6, //
    10, 20, 30, 40, 99, 99,
  };
  private static final long[] MASK = {1, 1, 1, 1, 1, 0};

  @Test
  void meanAveragesOnlyUnmaskedTokens() {
    assertThat(Pooling.MEAN.pool(HIDDEN, 0, 3, 2, MASK)).containsExactly(3f, 4f);
    // (10+30)/2, (20+40)/2: the padding row (99, 99) does not count.
    assertThat(Pooling.MEAN.pool(HIDDEN, 1, 3, 2, MASK)).containsExactly(20f, 30f);
  }

  @Test
  void meanOfAnAllPaddingRowIsZeroNotNaN() {
    assertThat(Pooling.MEAN.pool(HIDDEN, 1, 3, 2, new long[6])).containsExactly(0f, 0f);
  }

  @Test
  void clsTakesTheFirstToken() {
    assertThat(Pooling.CLS.pool(HIDDEN, 0, 3, 2, MASK)).containsExactly(1f, 2f);
    assertThat(Pooling.CLS.pool(HIDDEN, 1, 3, 2, MASK)).containsExactly(10f, 20f);
  }

  @Test
  void normalizeScalesToUnitLengthAndLeavesZeroAlone() {
    float[] v = Pooling.normalize(new float[] {3, 4});
    assertThat(v[0]).isCloseTo(0.6f, within(1e-7f));
    assertThat(v[1]).isCloseTo(0.8f, within(1e-7f));
    assertThat(Pooling.normalize(new float[] {0, 0})).containsExactly(0f, 0f);
  }
}
