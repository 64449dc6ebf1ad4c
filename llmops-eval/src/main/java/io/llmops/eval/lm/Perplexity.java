package io.llmops.eval.lm;

import io.llmops.InvalidRequestException;
import io.llmops.model.LogprobModel;
import io.llmops.model.TokenScores;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Perplexity and bits per byte of a text under a {@link LogprobModel}. Stateless and thread-safe.
 *
 * <p>{@link #llamaCpp} follows llama.cpp's {@code llama-perplexity} ({@code tools/perplexity/perplexity.cpp},
 * function {@code perplexity()}) step by step:
 * <ol>
 *   <li>the whole text is tokenized once with the automatic special tokens (BOS);
 *   <li>it needs at least {@code 2 * ctx} tokens; it is cut into {@code n_chunk = tokens / ctx} non-overlapping
 *       windows of {@code ctx} tokens, and the tail that does not fill a window is dropped;
 *   <li>in each window the first token is replaced by BOS ("add BOS token for the first batch of each chunk", done
 *       only when the vocabulary adds BOS, i.e. when encoding with special tokens starts with a token the plain
 *       encoding lacks);
 *   <li>only the second half is scored: with {@code first = ctx / 2}, the logits at positions {@code first .. ctx-2}
 *       predict tokens {@code first+1 .. ctx-1}, i.e. {@code ctx - 1 - first} tokens per window;
 *   <li>{@code ppl = exp(mean nll)} and the reported error is {@code ppl * sqrt((mean(nll^2) - mean(nll)^2) /
 *       (count - 1))}.
 * </ol>
 *
 * <p>{@link #rolling} is lm-evaluation-harness's {@code loglikelihood_rolling}: every token is predicted exactly once,
 * in windows of at most {@code ctx} tokens ({@code get_rolling_token_windows} with {@code context_len = 1}, BOS as the
 * prefix token), which gives bits per byte and byte/word perplexity.
 *
 * @since 0.1.0
 */
public final class Perplexity {
  private Perplexity() {}

  /**
   * Computes perplexity as llama-perplexity does (see the class note).
   *
   * @param model the model
   * @param text the corpus
   * @param ctx the window, at least 4 tokens and at most the model's context
   * @return ppl, its standard error and counts
   * @throws InvalidRequestException if {@code ctx} is too small or the text has fewer than {@code 2 * ctx} tokens
   */
  public static PerplexityResult llamaCpp(LogprobModel model, String text, int ctx) {
    InvalidRequestException.check(ctx >= 4, "perplexity context must be >= 4 tokens: " + ctx);
    int[] tokens = model.tokenizer().encode(text, true, false);
    InvalidRequestException.check(tokens.length >= 2 * ctx, "you need at least " + 2 * ctx
        + " tokens to evaluate perplexity with a context of " + ctx + "; the text has " + tokens.length);
    int bos = bosToken(model, text, tokens);
    int chunks = tokens.length / ctx;
    int first = ctx / 2;
    double nll = 0;
    double nll2 = 0;
    int count = 0;
    for (int i = 0; i < chunks; i++) {
      int[] window = Arrays.copyOfRange(tokens, i * ctx, (i + 1) * ctx);
      if (bos >= 0) {
        window[0] = bos;
      }
      TokenScores s = model.score(window);
      // s.logprob(j) is log p(window[j+1] | window[0..j]); scored targets are first+1 .. ctx-1.
      for (int j = first; j < ctx - 1; j++) {
        double v = -s.logprob(j);
        nll += v;
        nll2 += v * v;
        count++;
      }
    }
    nll /= count;
    nll2 /= count;
    double ppl = Math.exp(nll);
    double var = nll2 - nll * nll;
    double se = var > 0 && count > 1 ? Math.sqrt(var / (count - 1)) * ppl : 0;
    return new PerplexityResult(ppl, se, nll, count, chunks);
  }

  /**
   * Returns the BOS id if encoding with special tokens adds one, else -1.
   */
  static int bosToken(LogprobModel model, String text, int[] withSpecial) {
    int[] plain = model.tokenizer().encode(text, false, false);
    return withSpecial.length > plain.length ? withSpecial[0] : -1;
  }

  /**
   * Scores every token of a text once, lm-evaluation-harness's rolling log-likelihood.
   *
   * @param model the model
   * @param text the text, non-empty
   * @param ctx the largest sequence the model is given, at least 2
   * @return the total log-likelihood and the sizes it is normalised by
   * @throws InvalidRequestException if the text has no token or {@code ctx < 2}
   */
  public static RollingLoglikelihood rolling(LogprobModel model, String text, int ctx) {
    InvalidRequestException.check(ctx >= 2, "rolling context must be >= 2: " + ctx);
    int[] withBos = model.tokenizer().encode(text, true, false);
    int bos = bosToken(model, text, withBos);
    InvalidRequestException.check(bos >= 0, "rolling log-likelihood needs a model that adds BOS");
    int[] t = Arrays.copyOfRange(withBos, 1, withBos.length);
    InvalidRequestException.check(t.length > 0, "text has no tokens");
    int maxSeq = ctx - 1; // input length; the scored sequence is input + the last target (ctx tokens)
    double total = 0;
    int predicted = 0;
    int windows = 0;
    while (predicted < t.length) {
      int predLen = Math.min(t.length - predicted, maxSeq);
      int end = predicted + predLen;
      int[] seq;
      if (predicted == 0) {
        // First window: [BOS] + t[0 .. predLen-1] predicts t[0 .. predLen-1].
        seq = new int[predLen + 1];
        seq[0] = bos;
        System.arraycopy(t, 0, seq, 1, predLen);
      } else {
        // Later windows: as much preceding context as fits, then the targets.
        int start = Math.max(0, end - maxSeq - 1);
        seq = Arrays.copyOfRange(t, start, end);
      }
      TokenScores s = model.score(seq);
      total += s.sum(s.size() - predLen, s.size());
      predicted = end;
      windows++;
    }
    String[] words = text.trim().split("\\s+");
    return new RollingLoglikelihood(total, t.length, text.getBytes(StandardCharsets.UTF_8).length,
        text.isBlank() ? 0 : words.length, windows);
  }
}
