package io.llmops.guardrails;

import io.llmops.model.ChatModel;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletableStreamHandle;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.GeneratedToken;
import io.llmops.model.ModelInfo;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A test model that streams a scripted answer token by token on its own thread, honouring cancellation between
 * tokens exactly as the {@link StreamHandle} contract says. It records the requests it received and how many tokens
 * it produced, so tests can check what the wrapped model saw and that a block stopped generation early.
 */
final class ScriptedChatModel implements ChatModel {
  private final Function<ChatRequest, List<String>> script;
  final List<ChatRequest> requests = new ArrayList<>();
  final AtomicInteger produced = new AtomicInteger();

  ScriptedChatModel(Function<ChatRequest, List<String>> script) {
    this.script = script;
  }

  static ScriptedChatModel answering(String... tokens) {
    return new ScriptedChatModel(r -> List.of(tokens));
  }

  /**
   * A real model takes milliseconds per token. Without a pause this thread could produce every token before the
   * caller's thread has even received the handle it would cancel, which no runtime does.
   */
  private static void pause() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public ModelInfo info() {
    return ModelInfo.builder().name("scripted").build();
  }

  @Override
  public StreamHandle<ChatResponse> stream(ChatRequest request, StreamHandler<ChatResponse> handler) {
    synchronized (requests) {
      requests.add(request);
    }
    List<String> tokens = script.apply(request);
    CompletableStreamHandle<ChatResponse> h = new CompletableStreamHandle<>();
    Thread t = new Thread(() -> {
      StringBuilder text = new StringBuilder();
      List<GeneratedToken> out = new ArrayList<>();
      FinishReason reason = FinishReason.STOP;
      for (int i = 0; i < tokens.size(); i++) {
        if (h.isCancelled()) {
          reason = FinishReason.CANCELLED;
          break;
        }
        pause();
        GeneratedToken g = GeneratedToken.of(i, tokens.get(i));
        produced.incrementAndGet();
        text.append(g.text());
        out.add(g);
        handler.onToken(g);
      }
      ChatResponse r = ChatResponse.of(CompletionResponse.builder().id("resp-" + requests.size()).model("scripted")
          .text(text.toString()).finishReason(reason).tokens(out).build());
      handler.onComplete(r);
      h.complete(r);
    });
    t.start();
    return h;
  }
}
