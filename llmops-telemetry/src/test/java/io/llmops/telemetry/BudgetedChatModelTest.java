package io.llmops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmops.LlmOpsException;
import io.llmops.ResourceExhaustedException;
import io.llmops.model.ChatModel;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.CompletableStreamHandle;
import io.llmops.model.FinishReason;
import io.llmops.model.GenerationStats;
import io.llmops.model.ModelInfo;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Budget enforcement. The delegate is a scripted model (the unit under test is the decorator; the real-model path is
 * in {@code RealGenerationTelemetryTest}): it counts the calls that reached it, which is how we see that a rejected
 * request never started inference.
 */
class BudgetedChatModelTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));

  @Test
  void tokenBudgetRejectsBeforeInferenceOnceSpentAndResetsWithTheWindow() {
    Scripted model = new Scripted();
    BudgetLedger ledger = BudgetLedger.builder().budget("a", Budget.tokens(30, Duration.ofHours(1))).clock(clock)
        .build();
    BudgetedChatModel budgeted = new BudgetedChatModel(model, ledger);
    ChatRequest a = ChatRequest.builder().message(io.llmops.model.ChatMessage.user("hi"))
        .attribute(ChatRequest.TENANT_ID, "a").build();

    budgeted.chat(a); // 12 + 10 tokens
    assertThat(ledger.spent("a")).isEqualTo(22);
    budgeted.chat(a); // admitted at 22 < 30; overshoots to 44 (admission control, documented)
    assertThat(ledger.spent("a")).isEqualTo(44);
    assertThatThrownBy(() -> budgeted.chat(a)).isInstanceOf(BudgetExceededException.class)
        .isInstanceOf(ResourceExhaustedException.class)
        .hasMessage("tenant 'a' has spent 44 of its 30 tokens per PT1H; the budget resets at 2026-01-01T11:00:00Z");
    assertThat(model.calls).hasValue(2);

    clock.now = Instant.parse("2026-01-01T11:00:00Z");
    budgeted.chat(a);
    assertThat(model.calls).hasValue(3);
    assertThat(ledger.spent("a")).isEqualTo(22);
  }

  @Test
  void tenantsAreIndependentAndTenantsWithoutABudgetAreUnlimited() {
    Scripted model = new Scripted();
    BudgetLedger ledger = BudgetLedger.builder().budget("a", Budget.tokens(0, Duration.ofMinutes(1))).clock(clock)
        .build();
    BudgetedChatModel budgeted = new BudgetedChatModel(model, ledger);
    assertThatThrownBy(() -> budgeted.chat(request("a"))).isInstanceOf(BudgetExceededException.class);
    for (int i = 0; i < 5; i++) {
      budgeted.chat(request("b"));
      budgeted.chat(ChatRequest.of("no tenant"));
    }
    assertThat(model.calls).hasValue(10);
    assertThat(ledger.spent("b")).isZero();
  }

  @Test
  void moneyBudgetChargesTheMeasuredCost() {
    Scripted model = new Scripted();
    PriceTable prices = PriceTable.builder().defaultPrice(new Price("EUR", 0, 0, 36.0, 0)).build();
    BudgetLedger ledger = BudgetLedger.builder().defaultBudget(Budget.money(0.005, "EUR", Duration.ofDays(1)))
        .priceTable(prices).clock(clock).build();
    BudgetedChatModel budgeted = new BudgetedChatModel(model, ledger);
    budgeted.chat(request("a"));
    // 0.36 CPU-seconds at 36 EUR per CPU-hour = 0.0036 EUR
    assertThat(ledger.spent("a")).isCloseTo(0.0036, within(1e-15));
    budgeted.chat(request("a"));
    BudgetExceededException e = catchBudget(() -> budgeted.chat(request("a")));
    assertThat(e.tenant()).isEqualTo("a");
    assertThat(e.spent()).isCloseTo(0.0072, within(1e-15));
    assertThat(e.budget().unit()).isEqualTo("EUR");
    assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
  }

  @Test
  void chargeIsVisibleWhenAwaitReturnsEvenIfTheModelCompletesOnAnotherThread() {
    Scripted model = new Scripted();
    model.async = true;
    BudgetLedger ledger = BudgetLedger.builder().defaultBudget(Budget.tokens(1000, Duration.ofHours(1)))
        .clock(clock).build();
    new BudgetedChatModel(model, ledger).chat(request("a"));
    assertThat(ledger.spent("a")).isEqualTo(22);
  }

  @Test
  void cancelledCallsAreChargedFailedOnesAreNotAndCancelReachesTheModel() {
    Scripted model = new Scripted();
    BudgetLedger ledger = BudgetLedger.builder().defaultBudget(Budget.tokens(1000, Duration.ofHours(1)))
        .clock(clock).build();
    BudgetedChatModel budgeted = new BudgetedChatModel(model, ledger);

    model.next.add(FinishReason.CANCELLED);
    assertThat(budgeted.chat(request("a")).finishReason()).isEqualTo(FinishReason.CANCELLED);
    assertThat(ledger.spent("a")).isEqualTo(22);

    model.fail = true;
    assertThatThrownBy(() -> budgeted.chat(request("a"))).isInstanceOf(LlmOpsException.class)
        .hasMessage("engine failed");
    assertThat(ledger.spent("a")).isEqualTo(22);

    model.fail = false;
    model.hold = true;
    StreamHandle<ChatResponse> h = budgeted.stream(request("a"), StreamHandler.discarding());
    h.cancel();
    assertThat(model.lastHandle.isCancelled()).isTrue();
  }

  private static BudgetExceededException catchBudget(Runnable r) {
    try {
      r.run();
    } catch (BudgetExceededException e) {
      return e;
    }
    throw new AssertionError("expected BudgetExceededException");
  }

  private static ChatRequest request(String tenant) {
    return ChatRequest.builder().message(io.llmops.model.ChatMessage.user("hi"))
        .attribute(ChatRequest.TENANT_ID, tenant).build();
  }

  /** Answers every call with 12 input and 10 output tokens and the fixture's engine stats. */
  static final class Scripted implements ChatModel {
    final AtomicInteger calls = new AtomicInteger();
    final Deque<FinishReason> next = new ArrayDeque<>();
    boolean async;
    boolean fail;
    boolean hold;
    CompletableStreamHandle<ChatResponse> lastHandle;

    @Override
    public ModelInfo info() {
      return Fixtures.MODEL;
    }

    @Override
    public StreamHandle<ChatResponse> stream(ChatRequest request, StreamHandler<ChatResponse> handler) {
      calls.incrementAndGet();
      CompletableStreamHandle<ChatResponse> h = new CompletableStreamHandle<>();
      lastHandle = h;
      if (hold) {
        return h;
      }
      FinishReason reason = next.isEmpty() ? FinishReason.STOP : next.poll();
      ChatResponse r = Fixtures.response("r" + calls.get(), reason, 12, 10, Fixtures.STATS);
      Runnable finish = () -> {
        if (fail) {
          h.fail(new LlmOpsException("engine failed"));
        } else {
          h.complete(r);
        }
      };
      if (async) {
        CompletableFuture.runAsync(() -> {
          try {
            Thread.sleep(20);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          finish.run();
        });
      } else {
        finish.run();
      }
      return h;
    }
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
