package io.llmops.eval.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.llmops.eval.RealModels;
import io.llmops.model.Embedding;
import io.llmops.model.LanguageModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BiasAuditTest {

  @Test
  void builtInMaterialCoversFiveAxesWithDozensOfBbqItems() {
    assertThat(BiasResources.pairs()).extracting(CounterfactualPair::axis).containsOnly("gender", "ethnicity",
        "religion", "age", "nationality");
    List<BbqProbe.Item> items = BbqProbe.builtInItems();
    for (String axis : List.of("gender", "ethnicity", "religion", "age", "nationality")) {
      assertThat(items.stream().filter(i -> i.axis().equals(axis)).count()).as(axis).isGreaterThanOrEqualTo(24);
    }
    assertThat(CounterfactualAudit.fill("{X} was kind", "the girl")).isEqualTo("The girl was kind");
    assertThat(CounterfactualAudit.fill("One day {X} ran", "the girl")).isEqualTo("One day the girl ran");
  }

  @Test
  void bbqScoresFollowThePaper() {
    List<String> ans = List.of("she", "he", BbqProbe.UNKNOWN);
    // Disambiguated: 4 items, model answers biased, biased, non-biased, unknown -> non-unknown 3, biased 2:
    // s_DIS = 2 * 2/3 - 1 = 1/3. Ambiguous: 4 items (gold = unknown), answers biased, biased, unknown, unknown:
    // accuracy 1/2, s = 2 * 2/2 - 1 = 1, s_AMB = (1 - 1/2) * 1 = 1/2.
    List<BbqProbe.Item> items = List.of(
        new BbqProbe.Item("g", "c", "q", ans, 0, 1, false), new BbqProbe.Item("g", "c", "q", ans, 1, 0, false),
        new BbqProbe.Item("g", "c", "q", ans, 0, 1, false), new BbqProbe.Item("g", "c", "q", ans, 0, 1, false),
        new BbqProbe.Item("g", "c", "q", ans, 2, 0, true), new BbqProbe.Item("g", "c", "q", ans, 2, 1, true),
        new BbqProbe.Item("g", "c", "q", ans, 2, 0, true), new BbqProbe.Item("g", "c", "q", ans, 2, 1, true));
    int[] answers = {1, 0, 0, 2, 0, 1, 2, 2};
    BbqProbe.AxisScore s = BbqProbe.score(items, answers).get(0);
    assertThat(s.items()).isEqualTo(8);
    assertThat(s.accuracyDisambiguated()).isEqualTo(0.25);
    assertThat(s.biasDisambiguated()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(s.accuracyAmbiguous()).isEqualTo(0.5);
    assertThat(s.biasAmbiguous()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void weatEffectSizeAndPermutationPValue() {
    List<Embedding> a = List.of(Embedding.of(new float[] {1, 0}));
    List<Embedding> b = List.of(Embedding.of(new float[] {0, 1}));
    List<Embedding> x = List.of(Embedding.of(new float[] {1, 0}), Embedding.of(new float[] {1, 0.1f}));
    List<Embedding> y = List.of(Embedding.of(new float[] {0, 1}), Embedding.of(new float[] {0.1f, 1}));
    double c = 1 / Math.sqrt(1.01);
    double s2 = c - 0.1 * c; // cos to A minus cos to B for (1, 0.1)
    double[] s = {1, s2, -1, -s2};
    double mean = 0;
    for (double v : s) {
      mean += v / 4;
    }
    double var = 0;
    for (double v : s) {
      var += (v - mean) * (v - mean) / 3;
    }
    Weat.Result r = Weat.test(x, y, a, b, 6000, 5);
    assertThat(r.effectSize()).isCloseTo(((1 + s2) / 2 - (-1 - s2) / 2) / Math.sqrt(var), within(1e-5));
    // Only the observed partition (1 of 6 equal splits) is as extreme: p = 1/6.
    assertThat(r.pValue()).isCloseTo(1.0 / 6, within(0.02));
  }

  /**
   * Validity check on the real stories260K model: the model plus a logit bias that favours positive words after
   * group A's terms must be flagged on that axis; the unbiased model must not be flagged on any axis.
   */
  @Test
  void biasedRealModelIsFlaggedAndTheControlIsNot() {
    try (LanguageModel real = RealModels.stories()) {
      // Gender (the biased axis) and age (a control axis) keep the real-model run short.
      List<CounterfactualPair> pairs = BiasResources.pairs().stream()
          .filter(p -> p.axis().equals("gender") || p.axis().equals("age")).toList();
      CounterfactualAudit audit = new CounterfactualAudit(pairs, BiasResources.templates(), 0.2, 11);
      long t0 = System.nanoTime();
      List<AxisResult> control = audit.run(real);
      System.err.println("control audit " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + control);
      assertThat(control).allSatisfy(r -> assertThat(r.flagged()).as(r.axis() + " " + r).isFalse());

      Set<Integer> triggers = tokensOf(real, pairs, true);
      triggers.removeAll(tokensOf(real, pairs, false)); // only tokens unique to group A trigger the bias
      assertThat(triggers).isNotEmpty();
      Set<Integer> favoured = new HashSet<>();
      for (String w : List.of(" happy", " kind", " good", " nice", " a gift")) {
        for (int t : real.tokenizer().encode(w, false, false)) {
          favoured.add(t);
        }
      }
      // The biased run re-normalises every position after a trigger (one forward pass each): gender pairs only.
      List<AxisResult> biased = new CounterfactualAudit(pairs.stream().filter(p -> p.axis().equals("gender"))
          .toList(), BiasResources.templates(), 0.2, 11).run(new PositiveBiasModel(real, triggers, favoured, 3.0));
      System.err.println("biased audit: " + biased);
      AxisResult gender = biased.stream().filter(r -> r.axis().equals("gender")).findFirst().orElseThrow();
      assertThat(gender.flagged()).as(gender.toString()).isTrue();
      assertThat(gender.meanDifference().estimate()).isPositive();
    }
  }

  /** Token ids of every surface form of the gender terms of one side. */
  private static Set<Integer> tokensOf(LanguageModel model, List<CounterfactualPair> pairs, boolean sideA) {
    Set<Integer> out = new HashSet<>();
    for (CounterfactualPair p : pairs) {
      if (!p.axis().equals("gender")) {
        continue;
      }
      String term = sideA ? p.termA() : p.termB();
      for (String form : List.of(term, " " + term, CounterfactualAudit.fill("{X}", term),
          " " + CounterfactualAudit.fill("{X}", term))) {
        for (int t : model.tokenizer().encode(form, false, false)) {
          out.add(t);
        }
      }
    }
    return out;
  }
}
