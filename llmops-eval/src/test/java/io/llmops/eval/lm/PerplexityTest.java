package io.llmops.eval.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmops.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerplexityTest {
  private final DigitOracleModel model = new DigitOracleModel(0.5, 0.25);

  @Test
  void llamaCppWindowsScoreTheSecondHalfWithBosFirst() {
    // 40 digits + BOS = 41 tokens, ctx 8: 5 windows, tail of 1 dropped, 3 scored tokens per window, all successors.
    // Windows after the first start with a digit in the text; llama.cpp puts BOS there, so q = 0.5 (not 0.25).
    PerplexityResult r = Perplexity.llamaCpp(model, "0123456789".repeat(4), 8);
    assertThat(r.chunks()).isEqualTo(5);
    assertThat(r.tokens()).isEqualTo(15);
    assertThat(r.ppl()).isCloseTo(2.0, within(1e-12));
    assertThat(r.standardError()).isCloseTo(0, within(1e-6));
  }

  @Test
  void llamaCppMatchesAHandComputedMixture() {
    // 16 digits + BOS = 17 tokens, ctx 8: 2 windows, last token dropped. Window 0 scores chars 4,5,6 (hits, 1/2).
    // Window 1 holds chars 7..14 and scores chars 12,13,14 = '9','9','0' after '1','9','9': miss, miss, hit.
    PerplexityResult r = Perplexity.llamaCpp(model, "0123456789019907", 8);
    double[] nll = {Math.log(2), Math.log(2), Math.log(2), Math.log(20), Math.log(20), Math.log(2)};
    double mean = 0;
    double mean2 = 0;
    for (double v : nll) {
      mean += v / 6;
      mean2 += v * v / 6;
    }
    double ppl = Math.pow(6400, 1.0 / 6);
    assertThat(r.ppl()).isCloseTo(ppl, within(1e-12));
    assertThat(Math.exp(mean)).isCloseTo(ppl, within(1e-12));
    assertThat(r.standardError()).isCloseTo(Math.sqrt((mean2 - mean * mean) / 5) * ppl, within(1e-12));
  }

  @Test
  void llamaCppNeedsTwoWindowsOfText() {
    assertThatThrownBy(() -> Perplexity.llamaCpp(model, "0123456", 8)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("at least 16 tokens");
    assertThatThrownBy(() -> Perplexity.llamaCpp(model, "0123456", 2)).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void rollingPredictsEveryTokenOnceAndGivesBitsPerByte() {
    // ctx 3: window 1 = [BOS,'0','1'] predicts '0' (1/11) and '1' (1/2);
    // window 2 = ['1','2','3'] (no BOS, q = 1/4) predicts '2' and '3'.
    RollingLoglikelihood r = Perplexity.rolling(model, "0123", 3);
    double ll = Math.log(1.0 / 11) + Math.log(0.5) + 2 * Math.log(0.25);
    assertThat(r.logprob()).isCloseTo(ll, within(1e-12));
    assertThat(r.tokens()).isEqualTo(4);
    assertThat(r.windows()).isEqualTo(2);
    assertThat(r.bitsPerByte()).isCloseTo(-ll / (4 * Math.log(2)), within(1e-12));
    assertThat(r.wordPerplexity()).isCloseTo(Math.exp(-ll), within(1e-9));
  }

  @Test
  void multipleChoiceAccAndAccNormFollowTheHarness() {
    // After "01": "5" = ln 0.05 (one byte); "23456" = 5 ln 0.5 (five bytes).
    // acc picks "5" (-3.00 > -3.47); acc_norm picks "23456" (-0.69/byte > -3.00/byte).
    MultipleChoice.ItemResult r = MultipleChoice.score(model, new MultipleChoice.Item("01", List.of("5", "23456"), 1),
        "");
    assertThat(r.loglikelihoods()[0]).isCloseTo(Math.log(0.05), within(1e-12));
    assertThat(r.loglikelihoods()[1]).isCloseTo(5 * Math.log(0.5), within(1e-12));
    assertThat(r.acc()).isZero();
    assertThat(r.accNorm()).isOne();
    MultipleChoice.Result all = MultipleChoice.evaluate(model, List.of(
        new MultipleChoice.Item("01", List.of("5", "23456"), 1), new MultipleChoice.Item("4", List.of("5", "7"), 0)),
        "");
    assertThat(all.acc()).isEqualTo(0.5);
    assertThat(all.accNorm()).isEqualTo(1.0);
  }

  @Test
  void quantizationCheckReportsKlAndAgreement() {
    DigitOracleModel coarse = new DigitOracleModel(0.25, 0.25);
    QuantizationCheck.Result r = QuantizationCheck.compare(model, coarse, "0123456789".repeat(4), 8, 5);
    // Prefix of length 1 is [BOS]: both uniform, KL 0. Longer prefixes end in a digit: p = (0.5, 0.05 x10),
    // q = (0.25, 0.075 x10): KL = 0.5 ln 2 + 0.5 ln(2/3).
    double kl = 0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3);
    assertThat(r.positions()).isEqualTo(5);
    assertThat(r.meanKl()).isCloseTo(kl * 4 / 5, within(1e-6));
    assertThat(r.maxKl()).isCloseTo(kl, within(1e-6));
    assertThat(r.top1Agreement()).isEqualTo(1.0);
    assertThat(r.reference().ppl()).isCloseTo(2, within(1e-12));
    assertThat(r.candidate().ppl()).isCloseTo(4, within(1e-12));
    assertThat(r.pplDelta()).isCloseTo(2, within(1e-12));
  }
}
