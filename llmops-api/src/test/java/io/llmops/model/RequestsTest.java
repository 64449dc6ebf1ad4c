package io.llmops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.InvalidRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestsTest {

  @Test
  void chatRequestIsImmutableAndToBuilderCopies() {
    ChatRequest r = ChatRequest.builder().message(ChatMessage.system("be kind")).message(ChatMessage.user("hi"))
        .attribute(ChatRequest.CONVERSATION_ID, "c1").build();
    ChatRequest longer = r.toBuilder().message(ChatMessage.assistant("hello")).build();
    assertThat(r.messages()).hasSize(2);
    assertThat(longer.messages()).hasSize(3);
    assertThat(r.attribute(ChatRequest.CONVERSATION_ID)).isEqualTo("c1");
    assertThatThrownBy(() -> r.messages().add(ChatMessage.user("x"))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(r.toString()).doesNotContain("be kind").doesNotContain("hi'");
  }

  @Test
  void chatRequestNeedsAMessage() {
    assertThatThrownBy(() -> ChatRequest.builder().build()).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void completionRequestDefaultsAddBosAndDoNotParseSpecialTokens() {
    CompletionRequest r = CompletionRequest.of("Once upon a time");
    assertThat(r.addSpecialTokens()).isTrue();
    assertThat(r.parseSpecialTokens()).isFalse();
    assertThat(r.toBuilder().build()).isEqualTo(r);
  }

  @Test
  void chatResponseWrapsCompletion() {
    CompletionResponse c = CompletionResponse.builder().id("r1").model("m").text("Hello").finishReason(
        FinishReason.LENGTH).usage(new TokenUsage(5, 2)).tokens(List.of(GeneratedToken.of(1, "Hel"),
        GeneratedToken.of(2, "lo"))).build();
    ChatResponse r = ChatResponse.of(c);
    assertThat(r.message()).isEqualTo(ChatMessage.assistant("Hello"));
    assertThat(r.usage().totalTokens()).isEqualTo(7);
    assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    assertThat(r.completion()).isSameAs(c);
    assertThat(c.toBuilder().text("Hi").build().text()).isEqualTo("Hi");
  }

  @Test
  void embeddingCosine() {
    Embedding a = Embedding.of(new float[] {1, 0, 0});
    Embedding b = Embedding.of(new float[] {1, 1, 0});
    assertThat(a.cosineSimilarity(b)).isCloseTo(Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-12));
    assertThat(a.cosineSimilarity(Embedding.of(new float[3]))).isZero();
    assertThatThrownBy(() -> a.cosineSimilarity(Embedding.of(new float[2])))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
