package io.llmops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingAttributes;
import io.opentelemetry.semconv.incubating.GenAiIncubatingEvents;
import io.opentelemetry.semconv.incubating.GenAiIncubatingMetrics;
import org.junit.jupiter.api.Test;

/**
 * Our keys against the semantic-convention constants (opentelemetry-semconv 1.45.0 and -incubating 1.45.0-alpha, a
 * test dependency only). A semconv upgrade that renames a key fails here.
 */
class KeysConformanceTest {

  @Test
  void genAiAttributeKeysEqualTheIncubatingConstants() {
    assertThat(Keys.OPERATION_NAME).isEqualTo(GenAiIncubatingAttributes.GEN_AI_OPERATION_NAME);
    assertThat(Keys.PROVIDER_NAME).isEqualTo(GenAiIncubatingAttributes.GEN_AI_PROVIDER_NAME);
    assertThat(Keys.REQUEST_MODEL).isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_MODEL);
    assertThat(Keys.REQUEST_TEMPERATURE).isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_TEMPERATURE);
    assertThat(Keys.REQUEST_TOP_P).isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_TOP_P);
    assertThat(Keys.REQUEST_TOP_K).isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_TOP_K);
    assertThat(Keys.REQUEST_MAX_TOKENS).isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_MAX_TOKENS);
    assertThat(Keys.REQUEST_SEED).isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_SEED);
    assertThat(Keys.REQUEST_STOP_SEQUENCES).isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_STOP_SEQUENCES);
    assertThat(Keys.REQUEST_FREQUENCY_PENALTY)
        .isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_FREQUENCY_PENALTY);
    assertThat(Keys.REQUEST_PRESENCE_PENALTY).isEqualTo(GenAiIncubatingAttributes.GEN_AI_REQUEST_PRESENCE_PENALTY);
    assertThat(Keys.CONVERSATION_ID).isEqualTo(GenAiIncubatingAttributes.GEN_AI_CONVERSATION_ID);
    assertThat(Keys.OUTPUT_TYPE).isEqualTo(GenAiIncubatingAttributes.GEN_AI_OUTPUT_TYPE);
    assertThat(Keys.RESPONSE_ID).isEqualTo(GenAiIncubatingAttributes.GEN_AI_RESPONSE_ID);
    assertThat(Keys.RESPONSE_MODEL).isEqualTo(GenAiIncubatingAttributes.GEN_AI_RESPONSE_MODEL);
    assertThat(Keys.RESPONSE_FINISH_REASONS).isEqualTo(GenAiIncubatingAttributes.GEN_AI_RESPONSE_FINISH_REASONS);
    assertThat(Keys.RESPONSE_TIME_TO_FIRST_CHUNK)
        .isEqualTo(GenAiIncubatingAttributes.GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK);
    assertThat(Keys.USAGE_INPUT_TOKENS).isEqualTo(GenAiIncubatingAttributes.GEN_AI_USAGE_INPUT_TOKENS);
    assertThat(Keys.USAGE_OUTPUT_TOKENS).isEqualTo(GenAiIncubatingAttributes.GEN_AI_USAGE_OUTPUT_TOKENS);
    assertThat(Keys.USAGE_CACHE_READ_INPUT_TOKENS)
        .isEqualTo(GenAiIncubatingAttributes.GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS);
    assertThat(Keys.EMBEDDINGS_DIMENSION_COUNT)
        .isEqualTo(GenAiIncubatingAttributes.GEN_AI_EMBEDDINGS_DIMENSION_COUNT);
    assertThat(Keys.TOKEN_TYPE).isEqualTo(GenAiIncubatingAttributes.GEN_AI_TOKEN_TYPE);
    assertThat(Keys.EVALUATION_NAME).isEqualTo(GenAiIncubatingAttributes.GEN_AI_EVALUATION_NAME);
    assertThat(Keys.EVALUATION_SCORE_VALUE).isEqualTo(GenAiIncubatingAttributes.GEN_AI_EVALUATION_SCORE_VALUE);
    assertThat(Keys.EVALUATION_SCORE_LABEL).isEqualTo(GenAiIncubatingAttributes.GEN_AI_EVALUATION_SCORE_LABEL);
    assertThat(Keys.EVALUATION_EXPLANATION).isEqualTo(GenAiIncubatingAttributes.GEN_AI_EVALUATION_EXPLANATION);
    assertThat(Keys.ERROR_TYPE).isEqualTo(ErrorAttributes.ERROR_TYPE);
    assertThat(Keys.TOKEN_TYPE_INPUT)
        .isEqualTo(GenAiIncubatingAttributes.GenAiTokenTypeIncubatingValues.INPUT);
    assertThat(Keys.TOKEN_TYPE_OUTPUT)
        .isEqualTo(GenAiIncubatingAttributes.GenAiTokenTypeIncubatingValues.OUTPUT);
    assertThat(Keys.EVENT_EVALUATION_RESULT).isEqualTo(GenAiIncubatingEvents.GEN_AI_EVALUATION_RESULT);
  }

  @Test
  void operationNamesEqualTheConventionValues() {
    assertThat(io.llmops.observation.Operation.CHAT.conventionName())
        .isEqualTo(GenAiIncubatingAttributes.GenAiOperationNameIncubatingValues.CHAT);
    assertThat(io.llmops.observation.Operation.TEXT_COMPLETION.conventionName())
        .isEqualTo(GenAiIncubatingAttributes.GenAiOperationNameIncubatingValues.TEXT_COMPLETION);
    assertThat(io.llmops.observation.Operation.EMBEDDINGS.conventionName())
        .isEqualTo(GenAiIncubatingAttributes.GenAiOperationNameIncubatingValues.EMBEDDINGS);
  }

  @Test
  void metricNamesEqualTheIncubatingConstants() {
    assertThat(GenAiMetrics.CLIENT_OPERATION_DURATION)
        .isEqualTo(GenAiIncubatingMetrics.GEN_AI_CLIENT_OPERATION_DURATION_NAME);
    assertThat(GenAiMetrics.CLIENT_TOKEN_USAGE).isEqualTo(GenAiIncubatingMetrics.GEN_AI_CLIENT_TOKEN_USAGE_NAME);
    assertThat(GenAiMetrics.SERVER_REQUEST_DURATION)
        .isEqualTo(GenAiIncubatingMetrics.GEN_AI_SERVER_REQUEST_DURATION_NAME);
    assertThat(GenAiMetrics.SERVER_TIME_TO_FIRST_TOKEN)
        .isEqualTo(GenAiIncubatingMetrics.GEN_AI_SERVER_TIME_TO_FIRST_TOKEN_NAME);
    assertThat(GenAiMetrics.SERVER_TIME_PER_OUTPUT_TOKEN)
        .isEqualTo(GenAiIncubatingMetrics.GEN_AI_SERVER_TIME_PER_OUTPUT_TOKEN_NAME);
  }
}
