package io.llmops.guardrails;

import io.llmops.GuardrailViolationException;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.LanguageModel;
import io.llmops.model.ModelInfo;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import io.llmops.model.TokenScores;
import io.llmops.model.Tokenizer;
import java.util.List;
import java.util.Objects;

/**
 * A {@link LanguageModel} decorator: chat goes through a {@link GuardedChatModel}, raw completions get the same
 * treatment (the prompt through the input rails, the completion through the output rails, streaming included).
 * Scoring ({@link #score}, {@link #nextTokenLogprobs}, {@link #tokenizer}) generates no text and passes through
 * unguarded. Closing closes the wrapped model. Thread-safe.
 *
 * @since 0.1.0
 */
public final class GuardedLanguageModel implements LanguageModel {
  private final LanguageModel delegate;
  private final GuardrailPipeline pipeline;
  private final GuardedChatModel chat;
  private final int holdBack;

  private GuardedLanguageModel(LanguageModel delegate, GuardrailPipeline pipeline, int holdBack) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    this.holdBack = holdBack;
    this.chat = GuardedChatModel.wrap(delegate, pipeline, holdBack);
  }

  /**
   * Wraps a model.
   *
   * @param delegate the model (closed with this one)
   * @param pipeline the rails
   * @return the guarded model
   */
  public static GuardedLanguageModel wrap(LanguageModel delegate, GuardrailPipeline pipeline) {
    return new GuardedLanguageModel(delegate, pipeline, GuardedChatModel.DEFAULT_HOLD_BACK);
  }

  @Override
  public ModelInfo info() {
    return delegate.info();
  }

  @Override
  public StreamHandle<ChatResponse> stream(ChatRequest request, StreamHandler<ChatResponse> handler) {
    return chat.stream(request, handler);
  }

  @Override
  public ChatResponse chat(ChatRequest request) {
    return chat.chat(request);
  }

  @Override
  public StreamHandle<CompletionResponse> stream(CompletionRequest request,
      StreamHandler<CompletionResponse> handler) {
    return start(request, handler).handle();
  }

  /**
   * Completes a prompt and blocks until done.
   *
   * @param request the prompt and parameters
   * @return the completion, as the rails left it
   * @throws GuardrailViolationException if a rail rejected the prompt or the completion
   */
  @Override
  public CompletionResponse complete(CompletionRequest request) {
    GuardedStream<CompletionResponse> s = start(request, StreamHandler.discarding());
    CompletionResponse r = s.handle().await();
    if (s.blockedBy() != null) {
      throw new GuardrailViolationException(s.blockedBy());
    }
    return r;
  }

  private GuardedStream<CompletionResponse> start(CompletionRequest request,
      StreamHandler<CompletionResponse> handler) {
    String conversation = Objects.requireNonNullElse(request.attributes().get(ChatRequest.CONVERSATION_ID), "");
    GuardrailContext in = GuardrailContext.builder(GuardrailContext.Direction.INPUT).conversationId(conversation)
        .attributes(request.attributes()).build();
    GuardrailResult r = pipeline.checkInput(request.prompt(), in);
    if (!r.isAccepted()) {
      throw new GuardrailViolationException(r);
    }
    String prompt = r.textOr(request.prompt());
    GuardrailContext out = GuardrailContext.builder(GuardrailContext.Direction.OUTPUT).conversationId(conversation)
        .question(prompt).attributes(request.attributes()).build();
    GuardedStream<CompletionResponse> s = new GuardedStream<>(pipeline, out, handler, CompletionResponses.INSTANCE,
        holdBack, prompt, r.findings());
    s.attach(delegate.stream(request.toBuilder().prompt(prompt).build(), s));
    return s;
  }

  @Override
  public Tokenizer tokenizer() {
    return delegate.tokenizer();
  }

  @Override
  public TokenScores score(int[] tokens) {
    return delegate.score(tokens);
  }

  @Override
  public float[] nextTokenLogprobs(int[] tokens) {
    return delegate.nextTokenLogprobs(tokens);
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public String toString() {
    return "GuardedLanguageModel{" + delegate.info().name() + ", " + pipeline + '}';
  }

  /** Reads and rebuilds completion responses. */
  enum CompletionResponses implements GuardedStream.Responses<CompletionResponse> {
    INSTANCE;

    @Override
    public String text(CompletionResponse r) {
      return r.text();
    }

    @Override
    public String id(CompletionResponse r) {
      return r.id();
    }

    @Override
    public FinishReason finishReason(CompletionResponse r) {
      return r.finishReason();
    }

    @Override
    public CompletionResponse rebuild(CompletionResponse r, String text, FinishReason finishReason,
        boolean dropTokens) {
      var b = r.toBuilder().text(text).finishReason(finishReason);
      if (dropTokens) {
        b.tokens(List.of()); // the raw tokens spell what the rails removed
      }
      return b.build();
    }
  }
}
