package io.llmops.telemetry;

import io.llmops.model.ChatModel;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.ModelInfo;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import java.util.Objects;

/**
 * A {@link ChatModel} that enforces per-tenant {@link Budget}s: before delegating it rejects a request whose tenant
 * ({@link ChatRequest#TENANT_ID}) has spent its budget, with a {@link BudgetExceededException} and without starting
 * inference; after the call (also a cancelled one) it charges the usage or measured cost to the tenant. Failed calls
 * are not charged. Thread-safe if the delegate is.
 *
 * @since 0.1.0
 */
public final class BudgetedChatModel implements ChatModel {
  private final ChatModel delegate;
  private final BudgetLedger ledger;

  /**
   * Wraps a model.
   *
   * @param delegate the model
   * @param ledger the budgets and spend
   */
  public BudgetedChatModel(ChatModel delegate, BudgetLedger ledger) {
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

  @Override
  public String toString() {
    return "BudgetedChatModel{" + delegate + '}';
  }
}
