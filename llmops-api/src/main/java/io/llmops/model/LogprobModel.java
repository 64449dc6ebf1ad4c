package io.llmops.model;

import io.llmops.InvalidRequestException;
import java.util.Arrays;

/**
 * Access to a model's token probabilities: what evaluation needs for perplexity, multiple-choice accuracy and
 * quantization checks. Thread-safe. Works only on models that run in-process (remote APIs rarely expose this).
 *
 * @since 0.1.0
 */
public interface LogprobModel {

  /**
   * Returns the model's tokenizer.
   *
   * @return the tokenizer
   */
  Tokenizer tokenizer();

  /**
   * Scores a token sequence in one forward pass.
   *
   * @param tokens at least 2 tokens, at most the context length
   * @return scores for tokens {@code 1..n-1}
   * @throws io.llmops.ContextLengthExceededException if the sequence does not fit in the context
   * @throws InvalidRequestException if fewer than 2 tokens are given
   */
  TokenScores score(int[] tokens);

  /**
   * Returns the full next-token distribution after a sequence, as log-probabilities (log-softmax of the logits).
   *
   * @param tokens at least 1 token
   * @return one value per vocabulary entry
   * @throws io.llmops.ContextLengthExceededException if the sequence does not fit in the context
   */
  float[] nextTokenLogprobs(int[] tokens);

  /**
   * Returns the log-likelihood of {@code continuation} after {@code context}. As lm-evaluation-harness does, the
   * whole text is tokenized and the continuation's tokens are those past the context's own tokenization.
   *
   * @param context the conditioning text (BOS is added)
   * @param continuation the text to score, non-empty
   * @return its log-likelihood
   * @throws InvalidRequestException if the continuation adds no token
   */
  default Loglikelihood loglikelihood(String context, String continuation) {
    int[] ctx = tokenizer().encode(context, true, false);
    int[] whole = tokenizer().encode(context + continuation, true, false);
    int shared = 0;
    while (shared < ctx.length && shared < whole.length && ctx[shared] == whole[shared]) {
      shared++;
    }
    int start = Math.max(1, Math.min(shared, ctx.length));
    InvalidRequestException.check(whole.length > start, "continuation adds no token: '" + continuation + "'");
    TokenScores scores = score(Arrays.copyOf(whole, whole.length));
    return new Loglikelihood(scores.sum(start - 1, whole.length - 1), whole.length - start,
        scores.allGreedy(start - 1, whole.length - 1));
  }
}
