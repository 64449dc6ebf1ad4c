package io.llmops.eval.run;

import io.llmops.InvalidRequestException;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalOutput;
import io.llmops.model.ChatMessage;
import io.llmops.model.ChatModel;
import io.llmops.model.ChatRequest;
import io.llmops.model.CompletionModel;
import io.llmops.model.CompletionRequest;
import io.llmops.model.SamplingParameters;
import java.util.List;
import java.util.Objects;

/**
 * The system under test: turns one case into an output, using the seed it is given so that a run can be repeated.
 * Implementations are thread-safe (the runner calls them in parallel).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EvalTask {

  /**
   * Produces the output for a case.
   *
   * @param testCase the case
   * @param seed the seed for this case (derived from the run's seed and the case id)
   * @return the output
   * @throws io.llmops.LlmOpsException if the call fails (the runner records it as the case's error)
   */
  EvalOutput run(EvalCase testCase, long seed);

  /**
   * Completes each case's {@code input} with a completion model.
   *
   * @param model the model
   * @param parameters sampling parameters; the seed is replaced by the case's seed
   * @return the task
   */
  static EvalTask completion(CompletionModel model, SamplingParameters parameters) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parameters, "parameters");
    return (c, seed) -> {
      InvalidRequestException.check(!c.input().isEmpty(),
          "case " + c.id() + " has chat messages; a completion task needs a plain input");
      CompletionRequest request = CompletionRequest.builder(c.input())
          .parameters(parameters.toBuilder().seed(seed).build()).build();
      long t0 = System.nanoTime();
      var response = model.complete(request);
      return new EvalOutput(response.text(), response, System.nanoTime() - t0);
    };
  }

  /**
   * Answers each case with a chat model: its messages, or its input as one user message.
   *
   * @param model the model
   * @param parameters sampling parameters; the seed is replaced by the case's seed
   * @return the task
   */
  static EvalTask chat(ChatModel model, SamplingParameters parameters) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parameters, "parameters");
    return (c, seed) -> {
      List<ChatMessage> messages = c.messages().isEmpty() ? List.of(ChatMessage.user(c.input())) : c.messages();
      ChatRequest request = ChatRequest.builder().messages(messages)
          .parameters(parameters.toBuilder().seed(seed).build()).build();
      long t0 = System.nanoTime();
      var response = model.chat(request);
      return new EvalOutput(response.text(), response.completion(), System.nanoTime() - t0);
    };
  }
}
