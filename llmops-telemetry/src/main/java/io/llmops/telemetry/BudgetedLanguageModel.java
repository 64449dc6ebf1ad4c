package io.llmops.telemetry;

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
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link LanguageModel} that enforces per-tenant {@link Budget}s on chat and completion calls, like {@link
 * BudgetedChatModel}; the tenant comes from the request's {@link ChatRequest#TENANT_ID} attribute. Log-probability
 * scoring ({@link #score}, {@link #nextTokenLogprobs}) carries no request attributes and is not budgeted. Closing
 * closes the delegate. Thread-safe if the delegate is.
 *
 * @since 0.1.0
 */
public final class BudgetedLanguageModel implements LanguageModel {
  private final LanguageModel delegate;
  private final BudgetLedger ledger;

  /**
   * Wraps a model.
   *
   * @param delegate the model
   * @param ledger the budgets and spend
   */
  public BudgetedLanguageModel(LanguageModel delegate, BudgetLedger ledger) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.ledger = Objects.requireNonNull(ledger, "ledger");
  }

  @Override
  public ModelInfo info() {
    return delegate.info();
  }

  /**
   * {@inheritDoc}
   *
   * @throws BudgetExceededException if the tenant's budget for the current window is spent
   */
  @Override
  public StreamHandle<ChatResponse> stream(ChatRequest request, StreamHandler<ChatResponse> handler) {
    return Budgeting.run(ledger, request.attribute(ChatRequest.TENANT_ID), () -> delegate.stream(request, handler),
        ChatResponse::completion);
  }

  /**
   * {@inheritDoc}
   *
   * @throws BudgetExceededException if the tenant's budget for the current window is spent
   */
  @Override
  public StreamHandle<CompletionResponse> stream(CompletionRequest request,
      StreamHandler<CompletionResponse> handler) {
    return Budgeting.run(ledger, request.attributes().get(ChatRequest.TENANT_ID),
        () -> delegate.stream(request, handler), Function.identity());
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
    return "BudgetedLanguageModel{" + delegate + '}';
  }
}
