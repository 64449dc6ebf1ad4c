package io.llmops.samples.support;

import io.llmops.model.ChatMessage;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.LanguageModel;
import io.llmops.model.ModelInfo;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import io.llmops.model.TokenScores;
import io.llmops.model.Tokenizer;
import java.util.List;

/** Passes calls through and records the last user text the model received, to show what the rails let through. */
final class Recording implements LanguageModel {
  private final LanguageModel model;
  private final List<String> inputs;

  Recording(LanguageModel model, List<String> inputs) {
    this.model = model;
    this.inputs = inputs;
  }

  @Override
  public ModelInfo info() {
    return model.info();
  }

  @Override
  public StreamHandle<ChatResponse> stream(ChatRequest request, StreamHandler<ChatResponse> handler) {
    List<ChatMessage> m = request.messages();
    inputs.add(m.get(m.size() - 1).content());
    return model.stream(request, handler);
  }

  @Override
  public StreamHandle<CompletionResponse> stream(CompletionRequest request,
      StreamHandler<CompletionResponse> handler) {
    inputs.add(request.prompt());
    return model.stream(request, handler);
  }

  @Override
  public Tokenizer tokenizer() {
    return model.tokenizer();
  }

  @Override
  public TokenScores score(int[] tokens) {
    return model.score(tokens);
  }

  @Override
  public float[] nextTokenLogprobs(int[] tokens) {
    return model.nextTokenLogprobs(tokens);
  }

  @Override
  public void close() {
    model.close();
  }
}
