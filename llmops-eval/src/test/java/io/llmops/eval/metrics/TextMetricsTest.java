package io.llmops.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TextMetricsTest {

  @Test
  void levenshteinIsTheClassicDistance() {
    assertThat(TextMetrics.levenshtein("kitten", "sitting")).isEqualTo(3);
    assertThat(TextMetrics.levenshtein("", "abc")).isEqualTo(3);
    assertThat(TextMetrics.levenshteinSimilarity("kitten", "sitting")).isCloseTo(1 - 3.0 / 7, within(1e-12));
    assertThat(TextMetrics.levenshteinSimilarity("", "")).isEqualTo(1.0);
    // Code points, not UTF-16 units: one emoji is one edit.
    assertThat(TextMetrics.levenshtein("a\uD83D\uDE00", "ab")).isEqualTo(1);
  }

  @Test
  void sentenceBleuMatchesSacrebleuExpSmoothing() {
    // hyp "the cat sat on the mat" vs ref "the cat is on the mat": matches 5/6, 3/5, 1/4, 0/3; exp smoothing turns
    // the zero 4-gram precision into 1/(2*3); equal lengths, BP = 1. sacreBLEU's sentence_bleu gives 37.99.
    double expected = Math.pow(5.0 / 6 * 3.0 / 5 * 1.0 / 4 * 1.0 / 6, 0.25);
    assertThat(TextMetrics.sentenceBleu("the cat sat on the mat", "the cat is on the mat"))
        .isCloseTo(expected, within(1e-12));
    assertThat(expected).isCloseTo(0.3799, within(1e-4));
    assertThat(TextMetrics.sentenceBleu("a b c d", "a b c d")).isEqualTo(1.0);
    // Brevity penalty: hyp 2 tokens, ref 4; effective order 2 (no 3- or 4-grams in the hypothesis).
    assertThat(TextMetrics.sentenceBleu("a b", "a b c d")).isCloseTo(Math.exp(1 - 4.0 / 2), within(1e-12));
    assertThat(TextMetrics.sentenceBleu("", "a")).isZero();
  }

  @Test
  void rougeLIsLcsF1() {
    // LCS of "the cat sat on the mat" and "the cat is on the mat" is 5 of 6 tokens each side.
    assertThat(TextMetrics.rougeL("The cat sat on the mat.", "the cat is on the mat")).isCloseTo(5.0 / 6,
        within(1e-12));
    // P = 2/2, R = 2/4: F = 2/3.
    assertThat(TextMetrics.rougeL("a c", "a b c d")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(TextMetrics.rougeL("x", "y")).isZero();
  }

  @Test
  void chrFAveragesOverEffectiveOrdersThenFBeta2() {
    // "abc" vs "abd": 1-grams 2/3, 2-grams 1/2, 3-grams 0/1, 4..6 absent: avg P = avg R = 7/18, so F2 = 7/18.
    assertThat(TextMetrics.chrF("abc", "abd")).isCloseTo(7.0 / 18, within(1e-12));
    // Whitespace is removed before n-grams.
    assertThat(TextMetrics.chrF("a b c", "abc")).isEqualTo(1.0);
    // Precision 1, recall 1/2 at order 1 ("a" vs "ab"): F2 = 5 * 1 * 0.5 / (4 * 1 + 0.5) = 5/9, orders 2+ absent
    // in the hypothesis.
    assertThat(TextMetrics.chrF("a", "ab")).isCloseTo(5.0 / 9, within(1e-12));
  }
}
