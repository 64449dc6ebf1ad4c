package io.llmops.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.llmops.model.GeneratedToken;
import io.llmops.model.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelListenerTest {

  private static ModelCallContext context() {
    return new ModelCallContext("id-1", Operation.CHAT, ModelInfo.builder().name("m").build(), null, Map.of());
  }

  @Test
  void safeListenerSwallowsFailuresAndKeepsCalling() {
    List<String> events = new ArrayList<>();
    ModelListener failing = new ModelListener() {
      @Override
      public void onToken(ModelCallContext c, GeneratedToken t) {
        events.add(t.text());
        throw new IllegalStateException("listener bug");
      }
    };
    ModelListener safe = ModelListener.safe(failing);
    assertThatCode(() -> {
      safe.onToken(context(), GeneratedToken.of(1, "a"));
      safe.onToken(context(), GeneratedToken.of(2, "b"));
    }).doesNotThrowAnyException();
    assertThat(events).containsExactly("a", "b");
  }

  @Test
  void compositeCallsEachInOrderAndAttachmentsHoldPerCallState() {
    List<String> events = new ArrayList<>();
    ModelListener a = new ModelListener() {
      @Override
      public void onRequest(ModelCallContext c, Object r) {
        c.attach(this, "span-a");
        events.add("a");
      }
    };
    ModelListener b = new ModelListener() {
      @Override
      public void onRequest(ModelCallContext c, Object r) {
        events.add("b:" + c.attachment(a, String.class));
      }
    };
    ModelListener.composite(List.of(a, b)).onRequest(context(), "req");
    assertThat(events).containsExactly("a", "b:span-a");
    assertThat(ModelListener.composite(List.of())).isSameAs(ModelListener.noop());
    assertThat(Operation.TEXT_COMPLETION.conventionName()).isEqualTo("text_completion");
  }
}
