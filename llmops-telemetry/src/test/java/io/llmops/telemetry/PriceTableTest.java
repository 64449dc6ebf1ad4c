package io.llmops.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmops.model.GenerationStats;
import io.llmops.model.TokenUsage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  @Test
  void gpuTimeIsWallTimeOverBatchSizeOnGpuRuntimesOnly() {
    PriceTable t = PriceTable.builder().defaultPrice(Price.perGpuHour("USD", 7.2)).build();
    GenerationStats cuda = GenerationStats.builder().runtime("cuda").totalNanos(2_000_000_000L).batchSize(4).build();
    RequestCost c = t.measure("m", new TokenUsage(1, 1), cuda, 0);
    // 2 s / 4 sequences = 0.5 GPU-seconds; 0.5 / 3600 * 7.2 = 0.001
    assertThat(c.gpuSeconds()).isEqualTo(0.5);
    assertThat(c.amount()).isCloseTo(0.001, within(1e-15));
    GenerationStats cpu = GenerationStats.builder().runtime("cpu").totalNanos(2_000_000_000L).build();
    assertThat(t.measure("m", new TokenUsage(1, 1), cpu, 0).amount()).isZero();
  }

  @Test
  void unpricedModelsStillCarryMeasurementsAndTheListenerClockIsTheFallback() {
    RequestCost c = PriceTable.empty().measure("m", new TokenUsage(3, 4), GenerationStats.empty(), 1_500_000_000L);
    assertThat(c.isPriced()).isFalse();
    assertThat(c.totalTokens()).isEqualTo(7);
    assertThat(c.wallSeconds()).isEqualTo(1.5);
    assertThat(c.amount()).isZero();
  }

  @Test
  void exactModelPriceWinsOverTheDefault() {
    PriceTable t = PriceTable.builder().defaultPrice(Price.perTokens("USD", 1, 1))
        .price("big", Price.perTokens("USD", 10, 30)).build();
    assertThat(t.measure("big", new TokenUsage(1000, 100), GenerationStats.empty(), 0).amount())
        .isCloseTo(13.0, within(1e-12));
    assertThat(t.toBuilder().build().priceOf("other")).isEqualTo(Price.perTokens("USD", 1, 1));
  }

  @Test
  void badValuesAreRejectedWithTheValue() {
    assertThatThrownBy(() -> Price.perTokens("USD", -1, 0)).hasMessageContaining("-1.0");
    assertThatThrownBy(() -> Price.perTokens(" ", 1, 0)).hasMessageContaining("currency");
    assertThatThrownBy(() -> Budget.tokens(10, Duration.ZERO)).hasMessageContaining("window");
    assertThatThrownBy(() -> new Budget(Budget.Kind.MONEY, 1, "", Duration.ofHours(1)))
        .hasMessageContaining("currency");
  }
}
