package io.llmops.runtime.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.spi.RuntimeDiscovery;
import io.llmops.spi.RuntimeStatus;
import org.junit.jupiter.api.Test;

class CudaRuntimeProviderTest {

  @Test
  void probeNeverThrowsAndExplainsItselfAndIsCached() {
    CudaRuntimeProvider p = new CudaRuntimeProvider();
    var first = p.probe();
    assertThat(first.reason()).isNotBlank();
    assertThat(p.probe()).isSameAs(first);
    // On machines without the driver (these build machines), the reason names it.
    if (!new java.io.File("/dev/nvidiactl").exists()) {
      assertThat(first.available()).isFalse();
      assertThat(first.reason()).startsWith("no CUDA driver");
    }
  }

  @Test
  void discoveryFindsItThroughTheServiceFileWithHighestPriority() {
    RuntimeStatus cuda = RuntimeDiscovery.of(getClass().getClassLoader()).statuses().stream()
        .filter(s -> s.name().equals("cuda")).findFirst().orElseThrow();
    assertThat(cuda.priority()).isEqualTo(CudaRuntimeProvider.PRIORITY);
    assertThat(cuda.providerClass()).isEqualTo(CudaRuntimeProvider.class.getName());
  }
}
