package io.llmops.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.eval.RealModels;
import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalDataset;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.EvalRunResult;
import io.llmops.evaluation.Score;
import io.llmops.eval.run.EvalRunner;
import io.llmops.model.LanguageModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LLM-as-judge end to end with a real {@link io.llmops.model.ChatModel}: stories260K, a story model, cannot grade,
 * so its reply has no parsable score. The oracle: the case is scored 0, failed, with the judge's raw reply as the
 * reason, and the run completes; the same seed gives the same reply.
 */
class LlmJudgeRealModelTest {

  @Test
  void unparsableRealJudgeAnswerIsAFailedScoreWithTheRawReply() {
    try (LanguageModel judgeModel = RealModels.stories()) {
      LlmJudge judge = new LlmJudge(judgeModel, "The answer names the capital of France.", 1, 5, 0.6, 11);
      EvalCase c = EvalCase.builder("q1").input("What is the capital of France?").expected("Paris").build();
      Score s = judge.score(c, EvalOutput.of("Paris."));
      System.err.println("stories260K as judge: " + s);
      assertThat(s.metric()).isEqualTo("llm_judge");
      assertThat(s.value()).isZero();
      assertThat(s.passed()).isFalse();
      assertThat(s.reason()).startsWith("judge gave no score: ").hasSizeGreaterThan("judge gave no score: ".length());
      assertThat(judge.score(c, EvalOutput.of("Paris."))).as("greedy, seeded judge is deterministic").isEqualTo(s);

      // Through the runner: the answer comes from a fixed task, the judge is the real model; nothing crashes.
      EvalDataset ds = EvalDataset.of("capitals", List.of(c,
          EvalCase.builder("q2").input("What is the capital of Italy?").expected("Rome").build()));
      EvalRunResult r = EvalRunner.builder((ec, seed) -> EvalOutput.of(ec.expected())).scorer(judge).seed(3).build()
          .evaluate(ds);
      assertThat(r.cases()).hasSize(2).noneMatch(CaseResult::failed);
      assertThat(r.cases()).allSatisfy(cr -> assertThat(cr.score("llm_judge")).hasValueSatisfying(
          sc -> assertThat(sc.reason()).startsWith("judge gave no score: ")));
    }
  }
}
