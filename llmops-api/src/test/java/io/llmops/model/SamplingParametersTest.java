package io.llmops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.InvalidRequestException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class SamplingParametersTest {

  @Test
  void defaultsFollowLlamaCpp() {
    SamplingParameters p = SamplingParameters.defaults();
    assertThat(p.temperature()).isEqualTo(0.8);
    assertThat(p.topK()).isEqualTo(40);
    assertThat(p.topP()).isEqualTo(0.95);
    assertThat(p.minP()).isEqualTo(0.05);
    assertThat(p.repetitionPenalty()).isEqualTo(1.0);
    assertThat(p.seed()).isEmpty();
    assertThat(p.isGreedy()).isFalse();
    assertThat(SamplingParameters.greedy().isGreedy()).isTrue();
  }

  @Test
  void toBuilderRoundTripsAndBuilderIsReusable() {
    SamplingParameters.Builder b = SamplingParameters.builder().temperature(0.5).seed(7).stopSequences("\n\n")
        .logitBias(13, Double.NEGATIVE_INFINITY).topLogprobs(3).maxTokens(9);
    SamplingParameters first = b.build();
    SamplingParameters second = b.temperature(0.9).build();
    assertThat(first.temperature()).isEqualTo(0.5);
    assertThat(second.temperature()).isEqualTo(0.9);
    assertThat(first.toBuilder().build()).isEqualTo(first).hasSameHashCodeAs(first);
    assertThat(first.logprobs()).as("topLogprobs implies logprobs").isTrue();
    assertThat(first.seed()).hasValue(7);
    assertThat(first.toBuilder().clearSeed().build().seed()).isEmpty();
  }

  static Stream<Arguments> impossibleValues() {
    return Stream.of(
        Arguments.of("temperature", (UnaryOperator<SamplingParameters.Builder>) b -> b.temperature(-0.1)),
        Arguments.of("temperature", (UnaryOperator<SamplingParameters.Builder>) b -> b.temperature(Double.NaN)),
        Arguments.of("topK", (UnaryOperator<SamplingParameters.Builder>) b -> b.topK(-1)),
        Arguments.of("topP", (UnaryOperator<SamplingParameters.Builder>) b -> b.topP(0)),
        Arguments.of("topP", (UnaryOperator<SamplingParameters.Builder>) b -> b.topP(1.01)),
        Arguments.of("minP", (UnaryOperator<SamplingParameters.Builder>) b -> b.minP(-0.5)),
        Arguments.of("repetitionPenalty", (UnaryOperator<SamplingParameters.Builder>) b -> b.repetitionPenalty(0)),
        Arguments.of("frequencyPenalty", (UnaryOperator<SamplingParameters.Builder>) b -> b.frequencyPenalty(3)),
        Arguments.of("presencePenalty", (UnaryOperator<SamplingParameters.Builder>) b -> b.presencePenalty(-3)),
        Arguments.of("maxTokens", (UnaryOperator<SamplingParameters.Builder>) b -> b.maxTokens(0)),
        Arguments.of("topLogprobs", (UnaryOperator<SamplingParameters.Builder>) b -> b.topLogprobs(21)),
        Arguments.of("stop sequences", (UnaryOperator<SamplingParameters.Builder>) b -> b.stopSequences("")),
        Arguments.of("logit bias", (UnaryOperator<SamplingParameters.Builder>) b -> b.logitBias(-1, 1.0)),
        Arguments.of("logit bias",
            (UnaryOperator<SamplingParameters.Builder>) b -> b.logitBias(5, Double.POSITIVE_INFINITY)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("impossibleValues")
  void impossibleValuesAreRejectedNamingTheParameter(String parameter,
      UnaryOperator<SamplingParameters.Builder> change) {
    assertThatThrownBy(() -> change.apply(SamplingParameters.builder()).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining(parameter);
  }
}
