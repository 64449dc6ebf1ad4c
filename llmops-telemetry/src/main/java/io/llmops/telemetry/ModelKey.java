package io.llmops.telemetry;

import io.llmops.observation.Operation;
import io.opentelemetry.api.common.Attributes;

/**
 * What is constant for one (operation, model) pair, computed once and cached so that a call allocates no span name
 * and no metric attributes: the span name {@code "{gen_ai.operation.name} {gen_ai.request.model}"} (GenAI spans
 * convention) and the metric attribute sets. Immutable.
 */
final class ModelKey {
  final String spanName;
  final String model;
  final Attributes metricAttributes;
  final Attributes inputTokenAttributes;
  final Attributes outputTokenAttributes;

  ModelKey(Operation operation, String model, String provider) {
    this.model = model;
    this.spanName = model.isEmpty() ? operation.conventionName() : operation.conventionName() + ' ' + model;
    this.metricAttributes = Attributes.of(Keys.OPERATION_NAME, operation.conventionName(), Keys.PROVIDER_NAME,
        provider, Keys.REQUEST_MODEL, model);
    this.inputTokenAttributes =
        metricAttributes.toBuilder().put(Keys.TOKEN_TYPE, Keys.TOKEN_TYPE_INPUT).build();
    this.outputTokenAttributes =
        metricAttributes.toBuilder().put(Keys.TOKEN_TYPE, Keys.TOKEN_TYPE_OUTPUT).build();
  }
}
