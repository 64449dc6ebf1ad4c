package io.llmops.eval.bias;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.eval.RealEncoder;
import io.llmops.runtime.cpu.onnx.OnnxEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WEAT on the real all-MiniLM-L6-v2 encoder with the flowers/insects vs pleasant/unpleasant sets of Greenwald et al.
 * (1998) as used by Caliskan et al. (2017), who report a large effect (d = 1.50) on GloVe. The oracle is the
 * direction and size class of a textbook association, and its absence in a control.
 */
class WeatRealEncoderTest {
  private static final List<String> FLOWERS = List.of("rose", "tulip", "daisy", "lily", "orchid", "violet",
      "daffodil", "lilac");
  private static final List<String> INSECTS = List.of("cockroach", "mosquito", "flea", "maggot", "tarantula",
      "wasp", "termite", "bedbug");
  private static final List<String> PLEASANT = List.of("love", "peace", "paradise", "pleasure", "gentle", "friend",
      "heaven", "happy");
  private static final List<String> UNPLEASANT = List.of("filth", "poison", "disaster", "hatred", "rotten", "vomit",
      "agony", "murder");

  @Test
  void flowersArePleasantAndAShuffledControlShowsNoAssociation() {
    try (OnnxEmbeddingModel encoder = RealEncoder.miniLm()) {
      Weat.Result clear = Weat.run(encoder, FLOWERS, INSECTS, PLEASANT, UNPLEASANT, 10_000, 3);
      // Control: each target set mixes four flowers and four insects (a fixed interleaving, not a random draw).
      List<String> mixedX = List.of("rose", "cockroach", "daisy", "flea", "orchid", "tarantula", "daffodil", "termite");
      List<String> mixedY = List.of("tulip", "mosquito", "lily", "maggot", "violet", "wasp", "lilac", "bedbug");
      Weat.Result control = Weat.run(encoder, mixedX, mixedY, PLEASANT, UNPLEASANT, 10_000, 3);
      // Reversing the attribute sets must flip the sign exactly: the statistic is antisymmetric in A and B.
      Weat.Result reversed = Weat.run(encoder, FLOWERS, INSECTS, UNPLEASANT, PLEASANT, 10_000, 3);
      System.err.println("WEAT all-MiniLM-L6-v2: flowers/insects " + clear + ", mixed control " + control
          + ", reversed " + reversed);
      assertThat(clear.effectSize()).isGreaterThan(1.0);
      assertThat(clear.pValue()).isLessThan(0.01);
      assertThat(Math.abs(control.effectSize())).isLessThan(0.8);
      assertThat(control.pValue()).isGreaterThan(0.05);
      assertThat(reversed.effectSize()).isCloseTo(-clear.effectSize(), org.assertj.core.api.Assertions.within(1e-9));
    }
  }
}
