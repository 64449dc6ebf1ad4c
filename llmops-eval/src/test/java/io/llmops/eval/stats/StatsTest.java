package io.llmops.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void bootstrapOfAConstantDifferenceIsThatConstant() {
    Interval i = Stats.pairedBootstrap(new double[] {1, 2, 3}, new double[] {1.5, 2.5, 3.5}, 500, 0.95, 1);
    assertThat(i.estimate()).isEqualTo(0.5);
    assertThat(i.low()).isEqualTo(0.5);
    assertThat(i.high()).isEqualTo(0.5);
    assertThat(i.excludesZero()).isTrue();
  }

  @Test
  void bootstrapIntervalMatchesTheNormalApproximation() {
    double[] x = new double[100];
    for (int i = 0; i < 100; i++) {
      x[i] = i;
    }
    // Standard error of the mean = sd / sqrt(n) = 29.011 / 10; 95% half-width ~ 1.96 * 2.9011 = 5.686.
    Interval i = Stats.bootstrapMean(x, 4000, 0.95, 7);
    assertThat(i.estimate()).isEqualTo(49.5);
    assertThat(i.low()).isCloseTo(49.5 - 5.686, within(0.6));
    assertThat(i.high()).isCloseTo(49.5 + 5.686, within(0.6));
    // Seeded: the same seed gives the same interval.
    assertThat(Stats.bootstrapMean(x, 4000, 0.95, 7)).isEqualTo(i);
  }

  @Test
  void permutationTestSeesConsistentShiftsAndNotSymmetricNoise() {
    double[] a = new double[10];
    double[] up = new double[10];
    double[] noise = new double[10];
    for (int i = 0; i < 10; i++) {
      up[i] = 1;
      noise[i] = i % 2 == 0 ? 1 : -1;
    }
    // Exact p for 10 equal positive differences: 2 of 1024 sign patterns are as extreme = 0.00195.
    assertThat(Stats.pairedPermutation(a, up, 20000, 3)).isCloseTo(2.0 / 1024, within(0.0015));
    assertThat(Stats.pairedPermutation(a, noise, 2000, 3)).isEqualTo(1.0);
  }

  @Test
  void effectSizes() {
    assertThat(Stats.cohensD(new double[] {1, 2, 3}, new double[] {3, 4, 5})).isCloseTo(2.0, within(1e-12));
    assertThat(Stats.cohensDz(new double[] {1, 2, 3}, new double[] {2, 4, 5}))
        .isCloseTo((5.0 / 3) / Math.sqrt(1.0 / 3), within(1e-12));
    assertThat(Stats.cohensD(new double[] {1, 1}, new double[] {1, 1})).isZero();
    assertThat(Stats.quantile(new double[] {0, 10}, 0.25)).isEqualTo(2.5);
  }
}
