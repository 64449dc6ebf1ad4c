package io.llmops.runtime.cpu.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Llama 3 rope scaling against hand-computed divisors. */
class RopeTest {

  @Test
  void llama3FactorsMatchHandComputedValues() {
    // dims 8, base 10000: f = 1, 0.1, 0.01, 0.001; wavelengths 6.28, 62.8, 628.3, 6283.2. With an original context
    // of 1000, low 1, high 4: the boundaries are 250 and 1000. Pairs 0 and 1 are short (1), pair 3 long (factor 8),
    // pair 2 interpolates: s = (1000 / 628.32 - 1) / 3 = 0.197184, divisor = 1 / ((1 - s) / 8 + s) = 3.36093.
    float[] d = Rope.llama3Factors(8, 10000f, 8f, 1f, 4f, 1000);
    assertThat(d).hasSize(4);
    assertThat(d[0]).isEqualTo(1f);
    assertThat(d[1]).isEqualTo(1f);
    assertThat((double) d[2]).isCloseTo(3.36093, within(1e-4));
    assertThat(d[3]).isEqualTo(8f);

    Rope rope = new Rope(Rope.Mode.NORMAL, 8, 8, 10000f, 1f, d);
    double[] inv = rope.inverseFrequencies();
    assertThat(inv[3]).isCloseTo(0.001 / 8, within(1e-12));
    assertThat(inv[2]).isCloseTo(0.01 / 3.36093, within(1e-7));
  }

  @Test
  void llama3FactorsRejectBadParameters() {
    assertThatThrownBy(() -> Rope.llama3Factors(8, 10000f, 8f, 4f, 1f, 1000))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low_freq_factor");
  }
}
