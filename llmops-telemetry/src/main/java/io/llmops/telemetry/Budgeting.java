package io.llmops.telemetry;

import io.llmops.model.CompletableStreamHandle;
import io.llmops.model.CompletionResponse;
import io.llmops.model.StreamHandle;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The shared logic of the budget decorators: check before delegating, charge after, and only then complete the
 * caller's handle, so that a caller's next request already sees the charge. Stateless apart from the ledger.
 */
final class Budgeting {
  private Budgeting() {}

  static <R> StreamHandle<R> run(BudgetLedger ledger, String tenant, Supplier<StreamHandle<R>> start,
      Function<R, CompletionResponse> completion) {
    ledger.check(tenant); // throws BudgetExceededException before any inference
    StreamHandle<R> inner = start.get();
    CompletableStreamHandle<R> outer = new CompletableStreamHandle<>();
    outer.onCancel(inner::cancel);
    inner.completion().whenComplete((response, error) -> {
      if (error != null) {
        // A failed call produced no response to charge; its partial work is not billed.
        outer.fail(error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause() : error);
        return;
      }
      try {
        ledger.charge(tenant, completion.apply(response));
      } finally {
        outer.complete(response);
      }
    });
    return outer;
  }
}
