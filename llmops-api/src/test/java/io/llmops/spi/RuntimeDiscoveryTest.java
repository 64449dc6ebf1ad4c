package io.llmops.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.RuntimeUnavailableException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RuntimeDiscoveryTest {

  @AfterEach
  void clearProperty() {
    System.clearProperty(RuntimeDiscovery.RUNTIME_PROPERTY);
  }

  private static RuntimeDiscovery scenario(String name) {
    return RuntimeDiscovery.of(new ServiceFileClassLoader(name));
  }

  @Test
  void providerRegisteredInServiceFileIsFoundAndSelected() {
    RuntimeDiscovery d = scenario("single");
    assertThat(d.statuses()).extracting(RuntimeStatus::name).containsExactly("slow");
    assertThat(d.select(null).name()).isEqualTo("slow");
  }

  @Test
  void highestPriorityAvailableProviderWinsAndUnavailableIsSkippedWithItsReason() {
    RuntimeDiscovery d = scenario("mixed");
    List<RuntimeStatus> statuses = d.statuses();
    assertThat(statuses).extracting(RuntimeStatus::name).containsExactly("gpu", "fast", "slow");
    assertThat(statuses.get(0).available()).isFalse();
    assertThat(statuses.get(0).reason()).isEqualTo("no CUDA driver (libcuda.so.1 not found)");
    assertThat(d.select(null).name()).isEqualTo("fast");
  }

  @Test
  void brokenProvidersDoNotHideTheOthers() {
    RuntimeDiscovery d = scenario("broken");
    List<RuntimeStatus> statuses = d.statuses();
    // A missing class, a throwing constructor, a throwing probe and a failing create(), around one good provider.
    assertThat(statuses).anySatisfy(s -> assertThat(s.reason()).contains("constructor exploded"));
    assertThat(statuses).anySatisfy(s -> assertThat(s.providerClass()).contains("DoesNotExist"));
    assertThat(statuses).anySatisfy(s -> {
      assertThat(s.name()).isEqualTo("throwing-probe");
      assertThat(s.available()).isFalse();
      assertThat(s.reason()).contains("probe failed").contains("libfoo.so");
    });
    assertThat(d.select(null).name()).isEqualTo("slow");
  }

  @Test
  void overridePropertyForcesALowerPriorityProvider() {
    System.setProperty(RuntimeDiscovery.RUNTIME_PROPERTY, "slow");
    assertThat(scenario("mixed").select(null).name()).isEqualTo("slow");
  }

  @Test
  void explicitOverrideWinsOverTheProperty() {
    System.setProperty(RuntimeDiscovery.RUNTIME_PROPERTY, "slow");
    assertThat(scenario("mixed").select("FAST").name()).isEqualTo("fast");
  }

  @Test
  void overrideNamingAnUnavailableProviderFailsWithItsReason() {
    assertThatThrownBy(() -> scenario("mixed").select("gpu"))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessageContaining("runtime 'gpu' was requested but is unavailable: no CUDA driver");
  }

  @Test
  void overrideNamingNoProviderListsWhatWasFound() {
    System.setProperty(RuntimeDiscovery.RUNTIME_PROPERTY, "tpu");
    assertThatThrownBy(() -> scenario("mixed").select(null))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessageContaining("runtime 'tpu' was requested (by -Dllmops.runtime) but no provider has that name")
        .hasMessageContaining("gpu (priority 300, unavailable: no CUDA driver")
        .hasMessageContaining("fast (priority 50, available")
        .hasMessageContaining("slow (priority 10, available");
  }

  @Test
  void noAvailableProviderListsEveryProviderAndItsReason() {
    RuntimeUnavailableException e = (RuntimeUnavailableException) org.assertj.core.api.Assertions
        .catchThrowable(() -> scenario("none-available").select(null));
    assertThat(e).hasMessageStartingWith("no available runtime");
    assertThat(e.providers()).extracting(RuntimeStatus::name)
        .contains("gpu", "throwing-probe", "failing-create");
    assertThat(e.getMessage()).contains("failing-create: create() failed").contains("device vanished")
        .contains("libfoo.so").contains("constructor exploded");
  }

  @Test
  void noProviderAtAllSaysWhatToAdd() {
    assertThatThrownBy(() -> scenario("empty").select(null))
        .isInstanceOf(RuntimeUnavailableException.class)
        .hasMessageContaining("no runtime provider was found on the class path; add llmops-runtime-cpu")
        .hasMessageContaining("providers found: none");
  }
}
