package io.llmops.telemetry;

import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.GenerationStats;
import io.llmops.model.ModelInfo;
import io.llmops.model.SamplingParameters;
import io.llmops.model.TokenUsage;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.Operation;

/** Real API value objects for driving the listener without a model. */
final class Fixtures {
  static final ModelInfo MODEL = ModelInfo.builder().name("stories260K").architecture("llama").quantization("F32")
      .runtime("cpu").contextLength(512).build();
  static final SamplingParameters PARAMS = SamplingParameters.builder().temperature(0.7).topP(0.9).topK(40)
      .maxTokens(32).seed(42).stopSequences("\n\n").frequencyPenalty(0.5).presencePenalty(-0.25).build();
  /** Engine stats with hand-picked round numbers so expected values can be computed by hand. */
  static final GenerationStats STATS = GenerationStats.builder().runtime("cpu").threads(2).prefillNanos(20_000_000)
      .decodeNanos(180_000_000).timeToFirstTokenNanos(25_000_000).totalNanos(205_000_000).cpuNanos(360_000_000)
      .kvCacheBytes(65_536).batchSize(1).prefixCacheHitTokens(3).build();

  private Fixtures() {}

  static ChatRequest request() {
    return ChatRequest.builder().message(io.llmops.model.ChatMessage.system("Be brief."))
        .message(io.llmops.model.ChatMessage.user("My email is a@b.c. Tell me a story."))
        .parameters(PARAMS).attribute(ChatRequest.CONVERSATION_ID, "conv-1")
        .attribute(ChatRequest.TENANT_ID, "tenant-a").build();
  }

  static ModelCallContext context(String id, ChatRequest request) {
    return new ModelCallContext(id, Operation.CHAT, MODEL, request.parameters(), request.attributes());
  }

  static ChatResponse response(String id, FinishReason reason, int in, int out, GenerationStats stats) {
    return ChatResponse.of(CompletionResponse.builder().id(id).model("stories260K").text("Once upon a time.")
        .finishReason(reason).usage(new TokenUsage(in, out)).stats(stats).build());
  }
}
