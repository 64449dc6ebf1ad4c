package io.llmops.eval.lm;

import io.llmops.InvalidRequestException;
import io.llmops.model.LogprobModel;
import java.util.Arrays;

/**
 * Compares a quantized model with its reference (F32 vs Q8_0 vs Q4_0, or any two {@link LogprobModel}s sharing a
 * vocabulary) on the same text: the perplexity of each ({@link Perplexity#llamaCpp}), and at each of the first
 * positions of the text the agreement of the top-1 next token and the KL divergence
 * {@code KL(reference || candidate) = sum p_ref * (log p_ref - log p_cand)} of the next-token distributions (what
 * llama-perplexity's {@code --kl-divergence} reports). Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class QuantizationCheck {
  private QuantizationCheck() {}

  /**
   * The comparison.
   *
   * @param reference perplexity of the reference model
   * @param candidate perplexity of the candidate model
   * @param pplDelta {@code candidate.ppl - reference.ppl}
   * @param top1Agreement fraction of positions where both models' most likely next token is the same
   * @param meanKl mean KL divergence in nats
   * @param maxKl largest KL divergence at one position
   * @param positions positions compared
   * @since 0.1.0
   */
  public record Result(PerplexityResult reference, PerplexityResult candidate, double pplDelta, double top1Agreement,
      double meanKl, double maxKl, int positions) {}

  /**
   * Compares two models.
   *
   * @param reference the reference (e.g. F32)
   * @param candidate the model under test (e.g. Q4_0)
   * @param text the corpus, at least {@code 2 * ctx} tokens
   * @param ctx the perplexity window and the longest prefix for next-token comparison
   * @param maxPositions how many prefixes (lengths 1 .. maxPositions) to compare distributions on
   * @return the comparison
   * @throws InvalidRequestException if the vocabularies differ or the text is too short
   */
  public static Result compare(LogprobModel reference, LogprobModel candidate, String text, int ctx,
      int maxPositions) {
    InvalidRequestException.check(reference.tokenizer().vocabularySize() == candidate.tokenizer().vocabularySize(),
        "models have different vocabularies: " + reference.tokenizer().vocabularySize() + " vs "
            + candidate.tokenizer().vocabularySize());
    PerplexityResult a = Perplexity.llamaCpp(reference, text, ctx);
    PerplexityResult b = Perplexity.llamaCpp(candidate, text, ctx);
    int[] tokens = reference.tokenizer().encode(text, true, false);
    int n = Math.min(Math.min(maxPositions, tokens.length), ctx);
    InvalidRequestException.check(n >= 1, "maxPositions must be >= 1: " + maxPositions);
    int agree = 0;
    double klSum = 0;
    double klMax = 0;
    for (int len = 1; len <= n; len++) {
      int[] prefix = Arrays.copyOf(tokens, len);
      float[] p = reference.nextTokenLogprobs(prefix);
      float[] q = candidate.nextTokenLogprobs(prefix);
      if (argmax(p) == argmax(q)) {
        agree++;
      }
      double kl = kl(p, q);
      klSum += kl;
      klMax = Math.max(klMax, kl);
    }
    return new Result(a, b, b.ppl() - a.ppl(), (double) agree / n, klSum / n, klMax, n);
  }

  /**
   * Returns {@code KL(p || q)} of two distributions given as log-probabilities.
   *
   * @param logP reference log-probabilities
   * @param logQ candidate log-probabilities
   * @return the divergence in nats, at least 0
   */
  public static double kl(float[] logP, float[] logQ) {
    double s = 0;
    for (int i = 0; i < logP.length; i++) {
      double p = Math.exp(logP[i]);
      if (p > 0) {
        s += p * ((double) logP[i] - logQ[i]);
      }
    }
    return Math.max(0, s);
  }

  static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
