package io.llmops.eval.bias;

import io.llmops.model.LogprobModel;
import io.llmops.model.TokenScores;
import io.llmops.model.Tokenizer;
import java.util.Arrays;
import java.util.Set;

/**
 * A deliberately biased model for the audit's validity check: the real model plus a logit bias. Wherever the
 * sequence so far contains one of the trigger tokens (group A's terms), every favoured token (positive words) gets
 * {@code +bias} on its logit, and the distribution is renormalised:
 * {@code lp'(t) = lp(t) + bias*[t favoured] - log(1 - P_fav + P_fav * e^bias)}. Everything else is the real model.
 */
final class PositiveBiasModel implements LogprobModel {
  private final LogprobModel inner;
  private final Set<Integer> triggers;
  private final Set<Integer> favoured;
  private final double bias;

  PositiveBiasModel(LogprobModel inner, Set<Integer> triggers, Set<Integer> favoured, double bias) {
    this.inner = inner;
    this.triggers = triggers;
    this.favoured = favoured;
    this.bias = bias;
  }

  @Override
  public Tokenizer tokenizer() {
    return inner.tokenizer();
  }

  @Override
  public TokenScores score(int[] tokens) {
    TokenScores base = inner.score(tokens);
    double[] lp = new double[base.size()];
    boolean[] greedy = new boolean[base.size()];
    boolean triggered = false;
    for (int i = 0; i < base.size(); i++) {
      triggered |= triggers.contains(tokens[i]);
      if (!triggered) {
        lp[i] = base.logprob(i);
        greedy[i] = base.isGreedy(i);
        continue;
      }
      float[] dist = nextTokenLogprobs(Arrays.copyOf(tokens, i + 1));
      lp[i] = dist[tokens[i + 1]];
      int arg = 0;
      for (int t = 1; t < dist.length; t++) {
        if (dist[t] > dist[arg]) {
          arg = t;
        }
      }
      greedy[i] = arg == tokens[i + 1];
    }
    return new TokenScores(lp, greedy);
  }

  @Override
  public float[] nextTokenLogprobs(int[] tokens) {
    float[] d = inner.nextTokenLogprobs(tokens);
    boolean triggered = false;
    for (int t : tokens) {
      triggered |= triggers.contains(t);
    }
    if (!triggered) {
      return d;
    }
    double pFav = 0;
    for (int t : favoured) {
      pFav += Math.exp(d[t]);
    }
    double norm = Math.log(1 - pFav + pFav * Math.exp(bias));
    float[] out = new float[d.length];
    for (int t = 0; t < d.length; t++) {
      out[t] = (float) (d[t] + (favoured.contains(t) ? bias : 0) - norm);
    }
    return out;
  }
}
