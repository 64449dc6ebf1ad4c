package io.llmops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Checks the lm-evaluation-harness token split of {@link LogprobModel#loglikelihood} against hand-computed values on
 * a character-level model whose probabilities are known in closed form: it gives each next character probability
 * 1/2 if it is the character after the previous one in the alphabet, else 1/(2*25).
 */
class LogprobModelTest {

  /** Characters are tokens; BOS is 0; 'a' is 1 ... 'z' is 26. */
  static final class AlphabetModel implements LogprobModel {
    @Override
    public Tokenizer tokenizer() {
      return new Tokenizer() {
        @Override
        public int[] encode(String text, boolean addSpecialTokens, boolean parseSpecialTokens) {
          int[] out = new int[text.length() + (addSpecialTokens ? 1 : 0)];
          int i = 0;
          if (addSpecialTokens) {
            out[i++] = 0;
          }
          for (char c : text.toCharArray()) {
            out[i++] = c - 'a' + 1;
          }
          return out;
        }

        @Override
        public String decode(int[] tokens) {
          StringBuilder sb = new StringBuilder();
          for (int t : tokens) {
            if (t > 0) {
              sb.append((char) ('a' + t - 1));
            }
          }
          return sb.toString();
        }

        @Override
        public int vocabularySize() {
          return 27;
        }
      };
    }

    private static double p(int prev, int next) {
      return next == prev + 1 ? 0.5 : 0.5 / 25;
    }

    @Override
    public TokenScores score(int[] tokens) {
      double[] lp = new double[tokens.length - 1];
      boolean[] greedy = new boolean[tokens.length - 1];
      for (int i = 1; i < tokens.length; i++) {
        lp[i - 1] = Math.log(p(tokens[i - 1], tokens[i]));
        greedy[i - 1] = tokens[i] == tokens[i - 1] + 1;
      }
      return new TokenScores(lp, greedy);
    }

    @Override
    public float[] nextTokenLogprobs(int[] tokens) {
      float[] out = new float[27];
      for (int t = 1; t < 27; t++) {
        out[t] = (float) Math.log(p(tokens[tokens.length - 1], t));
      }
      out[0] = Float.NEGATIVE_INFINITY;
      return out;
    }
  }

  @Test
  void continuationScoresOnlyItsOwnTokens() {
    Loglikelihood ll = new AlphabetModel().loglikelihood("ab", "cd");
    assertThat(ll.tokens()).isEqualTo(2);
    assertThat(ll.logprob()).isCloseTo(2 * Math.log(0.5), within(1e-12));
    assertThat(ll.greedy()).isTrue();

    Loglikelihood wrong = new AlphabetModel().loglikelihood("ab", "cx");
    assertThat(wrong.logprob()).isCloseTo(Math.log(0.5) + Math.log(0.02), within(1e-12));
    assertThat(wrong.greedy()).isFalse();
  }

  @Test
  void emptyContextScoresFromBos() {
    Loglikelihood ll = new AlphabetModel().loglikelihood("", "a");
    assertThat(ll.tokens()).isEqualTo(1);
    assertThat(ll.logprob()).isCloseTo(Math.log(0.5), within(1e-12));
  }
}
