package io.llmops.eval.lm;

import io.llmops.InvalidRequestException;
import io.llmops.model.Loglikelihood;
import io.llmops.model.LogprobModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Multiple-choice scoring by log-likelihood, as lm-evaluation-harness's {@code multiple_choice} output type does: each
 * choice is scored as the continuation {@code delimiter + choice} after the context
 * ({@link LogprobModel#loglikelihood}), {@code acc} takes the argmax of the log-likelihoods and {@code acc_norm} the
 * argmax of log-likelihood divided by the choice's length. The harness divides by Python's {@code len(choice)}
 * (characters of the choice without the delimiter); here the length is the choice's UTF-8 byte length, which is the
 * same for ASCII and is the "byte-length normalisation" the harness documents. Ties go to the first choice, as
 * {@code numpy.argmax} does. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class MultipleChoice {
  private MultipleChoice() {}

  /**
   * One question.
   *
   * @param context the prompt
   * @param choices the answers, at least 2
   * @param gold index of the correct answer
   * @since 0.1.0
   */
  public record Item(String context, List<String> choices, int gold) {

    /**
     * Validates and copies.
     *
     * @throws InvalidRequestException if fewer than 2 choices or the gold index is out of range
     */
    public Item {
      Objects.requireNonNull(context, "context");
      choices = List.copyOf(choices);
      InvalidRequestException.check(choices.size() >= 2, "a multiple-choice item needs >= 2 choices");
      InvalidRequestException.check(gold >= 0 && gold < choices.size(), "gold index out of range: " + gold);
    }
  }

  /**
   * One scored question.
   *
   * @param loglikelihoods per choice
   * @param byteLengths per choice
   * @param predicted argmax of log-likelihood
   * @param predictedNorm argmax of log-likelihood per byte
   * @param gold the correct index
   * @since 0.1.0
   */
  public record ItemResult(double[] loglikelihoods, int[] byteLengths, int predicted, int predictedNorm, int gold) {

    /**
     * Returns 1 when {@code acc} is right.
     *
     * @return 1 or 0
     */
    public double acc() {
      return predicted == gold ? 1 : 0;
    }

    /**
     * Returns 1 when {@code acc_norm} is right.
     *
     * @return 1 or 0
     */
    public double accNorm() {
      return predictedNorm == gold ? 1 : 0;
    }
  }

  /**
   * The aggregate.
   *
   * @param acc mean accuracy
   * @param accNorm mean length-normalised accuracy
   * @param items per-item results
   * @since 0.1.0
   */
  public record Result(double acc, double accNorm, List<ItemResult> items) {}

  /**
   * Scores one item.
   *
   * @param model the model
   * @param item the question
   * @param delimiter put between context and choice (the harness's {@code target_delimiter}, usually a space)
   * @return the item's result
   */
  public static ItemResult score(LogprobModel model, Item item, String delimiter) {
    int n = item.choices().size();
    double[] ll = new double[n];
    int[] len = new int[n];
    for (int i = 0; i < n; i++) {
      Loglikelihood l = model.loglikelihood(item.context(), delimiter + item.choices().get(i));
      ll[i] = l.logprob();
      len[i] = Math.max(1, item.choices().get(i).getBytes(StandardCharsets.UTF_8).length);
    }
    int best = 0;
    int bestNorm = 0;
    for (int i = 1; i < n; i++) {
      if (ll[i] > ll[best]) {
        best = i;
      }
      if (ll[i] / len[i] > ll[bestNorm] / len[bestNorm]) {
        bestNorm = i;
      }
    }
    return new ItemResult(ll, len, best, bestNorm, item.gold());
  }

  /**
   * Scores a list of items.
   *
   * @param model the model
   * @param items the questions, non-empty
   * @param delimiter see {@link #score(LogprobModel, Item, String)}
   * @return {@code acc}, {@code acc_norm} and per-item results
   * @throws InvalidRequestException if there are no items
   */
  public static Result evaluate(LogprobModel model, List<Item> items, String delimiter) {
    InvalidRequestException.check(!items.isEmpty(), "no multiple-choice items");
    List<ItemResult> out = new ArrayList<>(items.size());
    double acc = 0;
    double accNorm = 0;
    for (Item it : items) {
      ItemResult r = score(model, it, delimiter);
      out.add(r);
      acc += r.acc();
      accNorm += r.accNorm();
    }
    return new Result(acc / items.size(), accNorm / items.size(), out);
  }
}
