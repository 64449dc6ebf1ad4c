package io.llmops.runtime.cpu.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmops.InvalidRequestException;
import io.llmops.model.SamplingParameters;
import io.llmops.model.TokenLogprob;
import java.util.List;
import org.junit.jupiter.api.Test;

class SamplerTest {
  private static final float[] P532 = {(float) Math.log(0.5), (float) Math.log(0.3), (float) Math.log(0.2)};
  private static final int DRAWS = 200_000;

  private static SamplingParameters.Builder plain() {
    return SamplingParameters.builder().temperature(1).topK(0).topP(1).minP(0);
  }

  private static double[] frequencies(SamplingParameters p, float[] logits) {
    Sampler s = Sampler.create(p, 42);
    double[] f = new double[logits.length];
    for (int i = 0; i < DRAWS; i++) {
      f[s.sample(logits, new int[0], 0)] += 1.0 / DRAWS;
    }
    return f;
  }

  @Test
  void greedyTakesTheArgmaxAndTheLowestIdOnTies() {
    Sampler s = Sampler.create(SamplingParameters.greedy(), 1);
    assertThat(s.sample(new float[] {1, 3, 2}, new int[0], 0)).isEqualTo(1);
    assertThat(s.sample(new float[] {3, 1, 3}, new int[0], 0)).isEqualTo(0);
  }

  @Test
  void negativeInfinityBiasBansAToken() {
    Sampler s = Sampler.create(SamplingParameters.greedy().toBuilder()
        .logitBias(1, Double.NEGATIVE_INFINITY).build(), 1);
    assertThat(s.sample(new float[] {1, 3, 2}, new int[0], 0)).isEqualTo(2);
    assertThat(frequencies(plain().logitBias(0, Double.NEGATIVE_INFINITY).build(), P532)[0]).isZero();
  }

  @Test
  void banningEveryTokenIsAnError() {
    Sampler s = Sampler.create(plain().logitBias(0, Double.NEGATIVE_INFINITY)
        .logitBias(1, Double.NEGATIVE_INFINITY).build(), 1);
    assertThatThrownBy(() -> s.sample(new float[] {1, 2}, new int[0], 0))
        .isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void biasOutsideVocabularyIsAnError() {
    Sampler s = Sampler.create(SamplingParameters.greedy().toBuilder().logitBias(7, 1.0).build(), 1);
    assertThatThrownBy(() -> s.sample(new float[] {1, 2}, new int[0], 0))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("token 7");
  }

  @Test
  void penaltiesFollowLlamaCpp() {
    // counts: token 0 twice, token 1 once (token 2 is outside the last-3 window).
    float[] l = {2, -2, 1, 5};
    SamplingParameters p = SamplingParameters.builder().repetitionPenalty(2).frequencyPenalty(0.5)
        .presencePenalty(0.25).penaltyLastN(3).build();
    Penalties.apply(l, new int[] {2, 0, 0, 1}, 4, p);
    // 0: 2/2 - (2*0.5 + 0.25) = -0.25; 1: -2*2 - (0.5 + 0.25) = -4.75; 2 and 3 untouched.
    assertThat(l).containsExactly(-0.25f, -4.75f, 1f, 5f);
  }

  @Test
  void penaltiesChangeTheGreedyChoice() {
    Sampler s = Sampler.create(SamplingParameters.greedy().toBuilder().repetitionPenalty(2).build(), 1);
    assertThat(s.sample(new float[] {3, 2}, new int[] {0}, 1)).isEqualTo(1); // 3/2 = 1.5 < 2
  }

  @Test
  void temperatureOneDrawsTheSoftmax() {
    double[] f = frequencies(plain().build(), P532);
    assertThat(f[0]).isCloseTo(0.5, within(0.01));
    assertThat(f[1]).isCloseTo(0.3, within(0.01));
    assertThat(f[2]).isCloseTo(0.2, within(0.01));
  }

  @Test
  void temperatureSharpens() {
    // p^(1/T) with T = 0.5: 0.25, 0.09, 0.04 over 0.38.
    double[] f = frequencies(plain().temperature(0.5).build(), P532);
    assertThat(f[0]).isCloseTo(0.25 / 0.38, within(0.01));
    assertThat(f[1]).isCloseTo(0.09 / 0.38, within(0.01));
    assertThat(f[2]).isCloseTo(0.04 / 0.38, within(0.01));
  }

  @Test
  void topKKeepsTheKMostLikely() {
    double[] f = frequencies(plain().topK(2).build(), P532);
    assertThat(f[0]).isCloseTo(0.625, within(0.01));
    assertThat(f[2]).isZero();
    assertThat(frequencies(plain().topK(1).build(), P532)[0]).isEqualTo(1.0, within(1e-9));
  }

  @Test
  void topPKeepsTheSmallestPrefixReachingP() {
    // cumulative 0.5 < 0.7 <= 0.8: tokens 0 and 1, renormalised to 0.625 / 0.375.
    double[] f = frequencies(plain().topP(0.7).build(), P532);
    assertThat(f[0]).isCloseTo(0.625, within(0.01));
    assertThat(f[1]).isCloseTo(0.375, within(0.01));
    assertThat(f[2]).isZero();
  }

  @Test
  void minPDropsTokensBelowAFractionOfTheTop() {
    // threshold 0.5 * 0.5 = 0.25: 0.3 stays, 0.2 goes.
    double[] f = frequencies(plain().minP(0.5).build(), P532);
    assertThat(f[1]).isCloseTo(0.375, within(0.01));
    assertThat(f[2]).isZero();
  }

  @Test
  void topKSelectionOnALargeVocabularyMatchesSorting() {
    float[] l = new float[5000];
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    for (int i = 0; i < l.length; i++) {
      l[i] = (float) r.nextGaussian();
    }
    int best = Sampler.argmax(l);
    Sampler s = Sampler.create(plain().topK(1).build(), 9);
    assertThat(s.sample(l, new int[0], 0)).isEqualTo(best);
    List<TokenLogprob> top = Logprobs.top(l, Logprobs.logSumExp(l), 5, String::valueOf);
    assertThat(top.get(0).id()).isEqualTo(best);
    for (int i = 1; i < top.size(); i++) {
      assertThat(top.get(i).logprob()).isLessThanOrEqualTo(top.get(i - 1).logprob());
    }
  }

  @Test
  void sameSeedSameTokensDifferentSeedDiffers() {
    SamplingParameters p = plain().build();
    int[] a = new int[64];
    int[] b = new int[64];
    int[] c = new int[64];
    Sampler sa = Sampler.create(p, 7);
    Sampler sb = Sampler.create(p, 7);
    Sampler sc = Sampler.create(p, 8);
    for (int i = 0; i < 64; i++) {
      a[i] = sa.sample(P532, new int[0], 0);
      b[i] = sb.sample(P532, new int[0], 0);
      c[i] = sc.sample(P532, new int[0], 0);
    }
    assertThat(a).containsExactly(b).isNotEqualTo(c);
  }

  @Test
  void logprobsAreTheLogSoftmaxOfRawLogits() {
    float[] l = {0, (float) Math.log(3)};
    double lse = Logprobs.logSumExp(l);
    List<TokenLogprob> top = Logprobs.top(l, lse, 2, i -> "t" + i);
    assertThat(top.get(0).id()).isEqualTo(1);
    assertThat(top.get(0).logprob()).isCloseTo(Math.log(0.75), within(1e-6));
    assertThat(top.get(1).logprob()).isCloseTo(Math.log(0.25), within(1e-6));
    assertThat(top.get(1).text()).isEqualTo("t0");
    assertThat(Logprobs.logSoftmax(l, new float[2])[0]).isCloseTo((float) Math.log(0.25), within(1e-6f));
  }
}
