package io.llmops.telemetry;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers observable gauges over an {@link EngineGaugeSource}. The gauges are asynchronous instruments: the SDK
 * calls the source at each collection, so an engine pays nothing between collections. Thread-safe.
 */
final class EngineGauges {
  static final String QUEUE_SIZE = "llmops.engine.queue.size";
  static final String RUNNING_SEQUENCES = "llmops.engine.sequences.running";
  static final String KV_CACHE_USAGE = "llmops.engine.kv_cache.usage";
  static final String KV_CACHE_CAPACITY = "llmops.engine.kv_cache.capacity";

  private static final Logger LOG = LoggerFactory.getLogger(EngineGauges.class);

  private final Meter meter;
  private final String provider;

  EngineGauges(Meter meter, String provider) {
    this.meter = meter;
    this.provider = provider;
  }

  AutoCloseable register(String model, EngineGaugeSource source) {
    Attributes attributes = Attributes.of(Keys.PROVIDER_NAME, provider, Keys.REQUEST_MODEL, model);
    AtomicBoolean logged = new AtomicBoolean();
    List<ObservableLongGauge> gauges = List.of(
        gauge(QUEUE_SIZE, "{request}", "Requests accepted and waiting to be scheduled.", source,
            EngineGaugeSource::queuedRequests, attributes, logged),
        gauge(RUNNING_SEQUENCES, "{sequence}", "Sequences being prefilled or decoded.", source,
            EngineGaugeSource::runningSequences, attributes, logged),
        gauge(KV_CACHE_USAGE, "By", "KV-cache bytes held by live sequences.", source,
            EngineGaugeSource::kvCacheUsedBytes, attributes, logged),
        gauge(KV_CACHE_CAPACITY, "By", "KV-cache bytes the engine can hold.", source,
            EngineGaugeSource::kvCacheCapacityBytes, attributes, logged));
    return () -> gauges.forEach(ObservableLongGauge::close);
  }

  private ObservableLongGauge gauge(String name, String unit, String description, EngineGaugeSource source,
      ToLongFunction<EngineGaugeSource> read, Attributes attributes, AtomicBoolean logged) {
    return meter.gaugeBuilder(name).ofLongs().setUnit(unit).setDescription(description).buildWithCallback(m -> {
      try {
        m.record(read.applyAsLong(source), attributes);
      } catch (RuntimeException e) {
        // Telemetry never throws into the engine or the reader; one warning per registration is enough.
        if (logged.compareAndSet(false, true)) {
          LOG.warn("engine gauge source {} failed; gauges report nothing while it fails", source, e);
        }
      }
    });
  }
}
