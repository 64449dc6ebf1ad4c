package io.llmops.eval.lm;

import io.llmops.InvalidRequestException;
import io.llmops.model.LogprobModel;
import io.llmops.model.TokenScores;
import io.llmops.model.Tokenizer;

/**
 * A hand-computable oracle (test code only, for checking metric arithmetic; real-model tests use the real runtime).
 * Vocabulary: 0 = BOS, 1..10 = the digits '0'..'9'. After BOS every token has probability 1/11. After digit d, the
 * "successor" digit (d+1) mod 10 has probability {@code q}, every other token {@code (1-q)/10}; {@code q} is
 * {@code qBos} when the sequence starts with BOS and {@code qNoBos} otherwise (so tests can see whether a window
 * starts with BOS).
 */
public final class DigitOracleModel implements LogprobModel {
  static final int BOS = 0;
  private final double qBos;
  private final double qNoBos;

  public DigitOracleModel(double qBos, double qNoBos) {
    this.qBos = qBos;
    this.qNoBos = qNoBos;
  }

  @Override
  public Tokenizer tokenizer() {
    return new Tokenizer() {
      @Override
      public int[] encode(String text, boolean addSpecialTokens, boolean parseSpecialTokens) {
        int off = addSpecialTokens ? 1 : 0;
        int[] out = new int[text.length() + off];
        for (int i = 0; i < text.length(); i++) {
          char c = text.charAt(i);
          InvalidRequestException.check(c >= '0' && c <= '9', "oracle vocabulary is digits only: " + c);
          out[i + off] = c - '0' + 1;
        }
        return out;
      }

      @Override
      public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder();
        for (int t : tokens) {
          if (t != BOS) {
            sb.append((char) ('0' + t - 1));
          }
        }
        return sb.toString();
      }

      @Override
      public int vocabularySize() {
        return 11;
      }
    };
  }

  /** Returns p(next | previous token, whether the sequence starts with BOS). */
  double p(int prev, int next, boolean startsWithBos) {
    if (prev == BOS) {
      return 1.0 / 11;
    }
    double q = startsWithBos ? qBos : qNoBos;
    int succ = (prev - 1 + 1) % 10 + 1;
    return next == succ ? q : (1 - q) / 10;
  }

  @Override
  public TokenScores score(int[] tokens) {
    InvalidRequestException.check(tokens.length >= 2, "need >= 2 tokens");
    double[] lp = new double[tokens.length - 1];
    boolean[] greedy = new boolean[tokens.length - 1];
    for (int i = 1; i < tokens.length; i++) {
      float[] dist = nextTokenLogprobs(java.util.Arrays.copyOf(tokens, i));
      greedy[i - 1] = QuantizationCheck.argmax(dist) == tokens[i];
      lp[i - 1] = Math.log(p(tokens[i - 1], tokens[i], tokens[0] == BOS));
    }
    return new TokenScores(lp, greedy);
  }

  @Override
  public float[] nextTokenLogprobs(int[] tokens) {
    float[] out = new float[11];
    for (int t = 0; t < 11; t++) {
      out[t] = (float) Math.log(p(tokens[tokens.length - 1], t, tokens[0] == BOS));
    }
    return out;
  }
}
