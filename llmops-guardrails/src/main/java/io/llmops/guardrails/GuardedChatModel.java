package io.llmops.guardrails;

import io.llmops.GuardrailViolationException;
import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.model.ChatMessage;
import io.llmops.model.ChatModel;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.FinishReason;
import io.llmops.model.ModelInfo;
import io.llmops.model.Role;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link ChatModel} decorator that puts a {@link GuardrailPipeline} around any chat model, so an application gets
 * guardrails without changing its call sites.
 * <pre>{@code
 * ChatModel guarded = GuardedChatModel.wrap(model, pipeline);
 * guarded.chat(ChatRequest.of("My card is 4111 1111 1111 1111"));  // the model sees <CREDIT_CARD_1>
 * }</pre>
 *
 * <ul>
 *   <li>Input rails check each user and tool message (tool results are an injection vector) before the model is
 *       called; a rewrite (redaction) replaces the message, a rejection throws {@link
 *       GuardrailViolationException} and the model is never called.
 *   <li>Output rails check the answer while it streams ({@link GuardedStream}: a block cancels the generation and
 *       ends the stream with {@link FinishReason#CONTENT_FILTER}) and once complete. Placeholders are restored from
 *       the pipeline's vaults in what the caller receives.
 *   <li>{@link #chat} throws {@link GuardrailViolationException} when the answer is blocked; streaming callers get
 *       {@code CONTENT_FILTER} instead.
 *   <li>Exchanges with a {@code REVIEW} finding go to the pipeline's review queue, with the redacted prompt and the
 *       answer before de-anonymization.
 * </ul>
 *
 * <p>The conversation id comes from the request attribute {@link ChatRequest#CONVERSATION_ID}. Thread-safe.
 *
 * @since 0.1.0
 */
public final class GuardedChatModel implements ChatModel {
  /** Characters held back while streaming, so a rail can stop or redact before the caller sees them. */
  public static final int DEFAULT_HOLD_BACK = 48;

  private final ChatModel delegate;
  private final GuardrailPipeline pipeline;
  private final int holdBack;

  private GuardedChatModel(ChatModel delegate, GuardrailPipeline pipeline, int holdBack) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    if (holdBack < 0) {
      throw new IllegalArgumentException("holdBack must be >= 0: " + holdBack);
    }
    this.holdBack = holdBack;
  }

  /**
   * Wraps a model.
   *
   * @param delegate the model
   * @param pipeline the rails
   * @return the guarded model
   */
  public static GuardedChatModel wrap(ChatModel delegate, GuardrailPipeline pipeline) {
    return new GuardedChatModel(delegate, pipeline, DEFAULT_HOLD_BACK);
  }

  /**
   * Wraps a model with a given streaming hold-back window.
   *
   * @param delegate the model
   * @param pipeline the rails
   * @param holdBack characters kept back while streaming (0 emits every checked token at once)
   * @return the guarded model
   * @throws IllegalArgumentException if {@code holdBack} is negative
   */
  public static GuardedChatModel wrap(ChatModel delegate, GuardrailPipeline pipeline, int holdBack) {
    return new GuardedChatModel(delegate, pipeline, holdBack);
  }

  @Override
  public ModelInfo info() {
    return delegate.info();
  }

  @Override
  public StreamHandle<ChatResponse> stream(ChatRequest request, StreamHandler<ChatResponse> handler) {
    return start(request, handler).handle();
  }

  /**
   * Answers and blocks until done.
   *
   * @param request the conversation and parameters
   * @return the answer, redacted and de-anonymized as the rails decided
   * @throws GuardrailViolationException if an input rail rejected the prompt or an output rail the answer
   */
  @Override
  public ChatResponse chat(ChatRequest request) {
    GuardedStream<ChatResponse> s = start(request, StreamHandler.discarding());
    ChatResponse r = s.handle().await();
    GuardrailResult blocked = s.blockedBy();
    if (blocked != null) {
      throw new GuardrailViolationException(blocked);
    }
    return r;
  }

  private GuardedStream<ChatResponse> start(ChatRequest request, StreamHandler<ChatResponse> handler) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(handler, "handler");
    String conversation = Objects.requireNonNullElse(request.attribute(ChatRequest.CONVERSATION_ID), "");
    GuardrailContext in = GuardrailContext.builder(GuardrailContext.Direction.INPUT).conversationId(conversation)
        .attributes(request.attributes()).build();
    List<ChatMessage> messages = new ArrayList<>(request.messages().size());
    List<Finding> findings = new ArrayList<>();
    String question = "";
    StringBuilder prompt = new StringBuilder();
    for (ChatMessage m : request.messages()) {
      if (m.role() == Role.USER || m.role() == Role.TOOL) {
        GuardrailResult r = pipeline.checkInput(m.content(), in);
        if (!r.isAccepted()) {
          throw new GuardrailViolationException(r);
        }
        findings.addAll(r.findings());
        m = m.withContent(r.textOr(m.content()));
        if (m.role() == Role.USER) {
          question = m.content();
          prompt.setLength(0);
          prompt.append(m.content());
        }
      }
      messages.add(m);
    }
    GuardrailContext out = GuardrailContext.builder(GuardrailContext.Direction.OUTPUT).conversationId(conversation)
        .question(question).attributes(request.attributes()).build();
    GuardedStream<ChatResponse> s = new GuardedStream<>(pipeline, out, handler, ChatResponses.INSTANCE, holdBack,
        prompt.toString(), findings);
    s.attach(delegate.stream(request.toBuilder().messages(messages).build(), s));
    return s;
  }

  @Override
  public String toString() {
    return "GuardedChatModel{" + delegate.info().name() + ", " + pipeline + '}';
  }

  /** Reads and rebuilds chat responses through their completion ({@link GuardedLanguageModel.CompletionResponses}). */
  enum ChatResponses implements GuardedStream.Responses<ChatResponse> {
    INSTANCE;

    private static final GuardedLanguageModel.CompletionResponses COMPLETIONS =
        GuardedLanguageModel.CompletionResponses.INSTANCE;

    @Override
    public String text(ChatResponse r) {
      return r.text();
    }

    @Override
    public String id(ChatResponse r) {
      return r.id();
    }

    @Override
    public FinishReason finishReason(ChatResponse r) {
      return r.finishReason();
    }

    @Override
    public ChatResponse rebuild(ChatResponse r, String text, FinishReason finishReason, boolean dropTokens) {
      return ChatResponse.of(COMPLETIONS.rebuild(r.completion(), text, finishReason, dropTokens));
    }
  }
}
