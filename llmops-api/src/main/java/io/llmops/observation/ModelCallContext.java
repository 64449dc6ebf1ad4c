package io.llmops.observation;

import io.llmops.model.ModelInfo;
import io.llmops.model.SamplingParameters;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One model call as listeners see it: created when the call starts and passed to every listener event of that call,
 * so a listener can keep per-call state (an OpenTelemetry span, a start time) in its attachments.
 *
 * <p>Thread-safe: attachments may be set and read from the caller's thread and from runtime workers. The message
 * content is not here on purpose; listeners that capture content get it from the request they receive in {@link
 * ModelListener#onRequest}.
 *
 * @since 0.1.0
 */
public final class ModelCallContext {
  private final String callId;
  private final Operation operation;
  private final ModelInfo model;
  private final SamplingParameters parameters;
  private final Map<String, String> attributes;
  private final long startNanos;
  private final Map<Object, Object> attachments = new ConcurrentHashMap<>();

  /**
   * Creates the context of a call that starts now.
   *
   * @param callId a unique id (becomes the response id)
   * @param operation the kind of call
   * @param model the model called
   * @param parameters the sampling parameters, {@code null} for embeddings
   * @param attributes the request's attributes
   */
  public ModelCallContext(String callId, Operation operation, ModelInfo model, SamplingParameters parameters,
      Map<String, String> attributes) {
    this.callId = Objects.requireNonNull(callId, "callId");
    this.operation = Objects.requireNonNull(operation, "operation");
    this.model = Objects.requireNonNull(model, "model");
    this.parameters = parameters;
    this.attributes = Map.copyOf(attributes);
    this.startNanos = System.nanoTime();
  }

  /**
   * Returns the call's unique id.
   *
   * @return the id
   */
  public String callId() {
    return callId;
  }

  /**
   * Returns the kind of call.
   *
   * @return the operation
   */
  public Operation operation() {
    return operation;
  }

  /**
   * Returns the model.
   *
   * @return its info
   */
  public ModelInfo model() {
    return model;
  }

  /**
   * Returns the sampling parameters.
   *
   * @return the parameters, {@code null} for embeddings
   */
  public SamplingParameters parameters() {
    return parameters;
  }

  /**
   * Returns the request's attributes.
   *
   * @return an immutable map
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  /**
   * Returns {@link System#nanoTime()} at the start of the call.
   *
   * @return the start time
   */
  public long startNanos() {
    return startNanos;
  }

  /**
   * Stores per-call state of a listener. Use a private key object to avoid clashes.
   *
   * @param key the key
   * @param value the value
   */
  public void attach(Object key, Object value) {
    attachments.put(key, value);
  }

  /**
   * Returns a listener's per-call state.
   *
   * @param key the key
   * @param type the expected type
   * @param <T> the type
   * @return the value, or {@code null} if absent
   */
  public <T> T attachment(Object key, Class<T> type) {
    return type.cast(attachments.get(key));
  }

  @Override
  public String toString() {
    return "ModelCallContext{" + callId + ", " + operation + ", " + model.name() + '}';
  }
}
