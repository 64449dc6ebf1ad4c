package io.llmops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.ContextLengthExceededException;
import io.llmops.GenerationCancelledException;
import io.llmops.LlmOpsException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompletableStreamHandleTest {

  @Test
  void cancelRunsTheHookOnceAndOnlyBeforeCompletion() {
    CompletableStreamHandle<String> h = new CompletableStreamHandle<>();
    AtomicInteger hooks = new AtomicInteger();
    h.onCancel(hooks::incrementAndGet);
    h.cancel();
    h.cancel();
    assertThat(hooks).hasValue(1);
    assertThat(h.isCancelled()).isTrue();
    h.complete("partial");
    assertThat(h.await()).isEqualTo("partial");

    CompletableStreamHandle<String> done = new CompletableStreamHandle<>();
    done.onCancel(hooks::incrementAndGet);
    done.complete("x");
    done.cancel();
    assertThat(hooks).hasValue(1);
    assertThat(done.isCancelled()).isFalse();
  }

  @Test
  void hookSetAfterCancelRunsAtOnce() {
    CompletableStreamHandle<String> h = new CompletableStreamHandle<>();
    h.cancel();
    AtomicInteger hooks = new AtomicInteger();
    h.onCancel(hooks::incrementAndGet);
    assertThat(hooks).hasValue(1);
  }

  @Test
  void awaitRethrowsOurExceptionsAndWrapsOthers() {
    CompletableStreamHandle<String> h = new CompletableStreamHandle<>();
    h.fail(new ContextLengthExceededException(10, 5));
    assertThatThrownBy(h::await).isInstanceOf(ContextLengthExceededException.class);

    CompletableStreamHandle<String> other = new CompletableStreamHandle<>();
    other.fail(new IllegalStateException("boom"));
    assertThatThrownBy(other::await).isExactlyInstanceOf(LlmOpsException.class).hasRootCauseMessage("boom");
  }

  @Test
  void interruptedAwaitCancelsAndThrows() {
    CompletableStreamHandle<String> h = new CompletableStreamHandle<>();
    Thread.currentThread().interrupt();
    assertThatThrownBy(h::await).isInstanceOf(GenerationCancelledException.class);
    assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
    assertThat(h.isCancelled()).isTrue();
  }

  @Test
  void completionStageIsReadOnly() {
    CompletableStreamHandle<String> h = new CompletableStreamHandle<>();
    h.completion().toCompletableFuture().complete("forged");
    assertThat(h.isDone()).as("completing a copy of the stage must not complete the handle").isFalse();
    h.complete("real");
    assertThat(h.completion().toCompletableFuture().join()).isEqualTo("real");
  }
}
