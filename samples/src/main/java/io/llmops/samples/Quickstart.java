package io.llmops.samples;

import io.llmops.Models;
import io.llmops.model.ChatMessage;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.LanguageModel;
import io.llmops.model.SamplingParameters;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import java.nio.file.Path;

/**
 * The README's code sample: load a GGUF model with the best runtime, complete a prompt, stream a chat answer and
 * cancel a generation. Run: {@code java --add-modules jdk.incubator.vector -cp ... io.llmops.samples.Quickstart
 * ../shared/models/stories260K.gguf}.
 */
public final class Quickstart {
  private Quickstart() {}

  /**
   * Runs the sample.
   *
   * @param args the model path
   * @return the greedy completion, for the test that runs this sample
   */
  public static String run(String[] args) {
    Path path = Path.of(args.length > 0 ? args[0] : "../shared/models/stories260K.gguf");
    // README sample start
    try (LanguageModel model = Models.loader().threads(2).contextLength(512).load(path)) {
      // Blocking completion, greedy: the same text every time.
      CompletionResponse story = model.complete(CompletionRequest.builder("Once upon a time")
          .parameters(SamplingParameters.greedy().toBuilder().maxTokens(32).build()).build());
      System.out.println(story.text() + "  [" + story.finishReason() + ", " + story.usage() + "]");

      // Streaming chat: tokens arrive as they are generated.
      ChatRequest request = ChatRequest.builder().message(ChatMessage.user("Tell me about a dog."))
          .parameters(SamplingParameters.builder().temperature(0.7).seed(42).maxTokens(48).build()).build();
      StreamHandle<ChatResponse> handle =
          model.stream(request, StreamHandler.onToken(token -> System.out.print(token.text())));
      ChatResponse answer = handle.await();
      System.out.printf("%n%.1f tokens/s%n", answer.stats().decodeTokensPerSecond(answer.usage().outputTokens()));

      // Any thread may cancel: the stream ends with FinishReason.CANCELLED and the KV cache is freed.
      StreamHandle<CompletionResponse> endless = model.stream(CompletionRequest.of("Once"), StreamHandler.discarding());
      endless.cancel();
      System.out.println(endless.await().finishReason());
      return story.text();
    }
    // README sample end
  }

  /**
   * Entry point.
   *
   * @param args the model path
   */
  public static void main(String[] args) {
    run(args);
  }
}
