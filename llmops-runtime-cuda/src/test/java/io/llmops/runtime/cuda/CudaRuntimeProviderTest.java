package io.llmops.runtime.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.RuntimeUnavailableException;
import io.llmops.spi.RuntimeDiscovery;
import io.llmops.spi.RuntimeStatus;
import java.io.File;
import org.junit.jupiter.api.Test;

class CudaRuntimeProviderTest {
  private static final boolean NO_DRIVER = !new File("/dev/nvidiactl").exists();

  @Test
  void probeNeverThrowsAndExplainsItselfAndIsCached() {
    CudaRuntimeProvider p = new CudaRuntimeProvider();
    var first = p.probe();
    assertThat(first.reason()).isNotBlank();
    assertThat(p.probe()).isSameAs(first);
    if (NO_DRIVER) {
      assertThat(first.available()).isFalse();
      assertThat(first.reason()).startsWith("no CUDA driver");
    }
  }

  @Test
  void discoveryListsItWithItsReasonAndHighestPriority() {
    RuntimeStatus cuda = RuntimeDiscovery.of(getClass().getClassLoader()).statuses().stream()
        .filter(s -> s.name().equals("cuda")).findFirst().orElseThrow();
    assertThat(cuda.priority()).isEqualTo(CudaRuntimeProvider.PRIORITY);
    assertThat(cuda.providerClass()).isEqualTo(CudaRuntimeProvider.class.getName());
    assertThat(cuda.toString()).contains(new CudaRuntimeProvider().probe().reason().substring(0, 10));
  }

  @Test
  void createAndTheBackendFailWithATypedReasonWithoutADriver() {
    org.junit.jupiter.api.Assumptions.assumeTrue(NO_DRIVER, "a CUDA driver is present");
    assertThatThrownBy(() -> new CudaRuntimeProvider().create()).isInstanceOf(RuntimeUnavailableException.class)
        .hasMessageContaining("no CUDA driver");
    // twice: JCuda's second failure is a NoClassDefFoundError, also reported as "no CUDA driver"
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> CudaTensorOps.create(0)).isInstanceOf(RuntimeUnavailableException.class)
          .hasMessageStartingWith("no CUDA driver");
    }
  }
}
