package io.llmops.eval.metrics;

import io.llmops.InvalidRequestException;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.Score;
import io.llmops.evaluation.Scorer;
import io.llmops.model.ChatMessage;
import io.llmops.model.ChatModel;
import io.llmops.model.ChatRequest;
import io.llmops.model.SamplingParameters;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * LLM-as-judge: asks any {@link ChatModel} to grade an output against a rubric on an integer scale, parses the score
 * robustly ({@link JudgeVerdict}) and records the judge's reason. The judge runs greedily with a fixed seed so that a
 * re-run gives the same verdict on a deterministic model. The score is normalised to [0, 1] as
 * {@code (raw - min) / (max - min)}; a reply with no score, or one outside the scale, scores 0 with the reply as the
 * reason. Thread-safe when the judge model is.
 *
 * @since 0.1.0
 */
public final class LlmJudge implements Scorer {
  private final ChatModel judge;
  private final String rubric;
  private final int min;
  private final int max;
  private final double threshold;
  private final long seed;

  /**
   * Creates a judge.
   *
   * @param judge the judging model
   * @param rubric what a good answer is, in plain words
   * @param min the lowest score, e.g. 1
   * @param max the highest score, e.g. 5
   * @param threshold normalised score at or above which the output passes
   * @param seed the judge's sampling seed (recorded with the run's parameters)
   * @throws InvalidRequestException if {@code min >= max} or the threshold is outside [0, 1]
   */
  public LlmJudge(ChatModel judge, String rubric, int min, int max, double threshold, long seed) {
    this.judge = Objects.requireNonNull(judge, "judge");
    this.rubric = Objects.requireNonNull(rubric, "rubric");
    InvalidRequestException.check(min < max, "judge scale needs min < max: " + min + ".." + max);
    InvalidRequestException.check(threshold >= 0 && threshold <= 1, "threshold must be in [0, 1]: " + threshold);
    this.min = min;
    this.max = max;
    this.threshold = threshold;
    this.seed = seed;
  }

  @Override
  public String name() {
    return "llm_judge";
  }

  /**
   * Builds the judge's prompt.
   *
   * @param c the case
   * @param output the output to grade
   * @return the messages sent to the judge
   */
  List<ChatMessage> prompt(EvalCase c, EvalOutput output) {
    String question = c.messages().isEmpty() ? c.input() : c.messages().get(c.messages().size() - 1).content();
    String system = "You are a strict evaluator. Grade the answer against the rubric on a scale from " + min + " to "
        + max + ". Reply with JSON only: {\"score\": <integer " + min + "-" + max + ">, \"reason\": \"<one sentence>\"}";
    StringBuilder user = new StringBuilder("Rubric: ").append(rubric).append("\n\nQuestion: ").append(question);
    if (!c.expected().isEmpty()) {
      user.append("\n\nReference answer: ").append(c.expected());
    }
    user.append("\n\nAnswer to grade: ").append(output.text());
    return List.of(ChatMessage.system(system), ChatMessage.user(user.toString()));
  }

  @Override
  public Score score(EvalCase c, EvalOutput output) {
    ChatRequest request = ChatRequest.builder().messages(prompt(c, output))
        .parameters(SamplingParameters.builder().temperature(0).seed(seed).maxTokens(256).build()).build();
    String reply = judge.chat(request).text();
    Optional<JudgeVerdict> verdict = JudgeVerdict.parse(reply);
    if (verdict.isEmpty()) {
      return new Score(name(), 0, false, "judge gave no score: " + reply.trim());
    }
    double raw = verdict.get().score();
    if (raw < min || raw > max) {
      return new Score(name(), 0, false, String.format(Locale.ROOT, "judge score %s outside %d..%d: %s",
          raw, min, max, verdict.get().reason()));
    }
    double v = (raw - min) / (max - min);
    return new Score(name(), v, v >= threshold, verdict.get().reason());
  }
}
