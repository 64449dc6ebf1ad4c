package io.llmops.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import io.llmops.architecture.fixture.api.ApiClassUsingCli;
import io.llmops.architecture.fixture.cli.CliCommand;
import io.llmops.architecture.fixture.cpu.internal.CpuInternals;
import io.llmops.architecture.fixture.guardrails.GuardrailUsingCpuInternals;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Proves each guard can fail: the same rules run over fixture classes that break them, with the fixture packages
 * mapped to the modules they impersonate. If a rule's logic were wrong (always passing), these tests would fail.
 */
class ArchitectureRulesFailWhenBrokenTest {
  private static final String FIXTURE = "io.llmops.architecture.fixture.";

  /** Fixture package → impersonated module. */
  private static Optional<String> fixtureModule(JavaClass c) {
    String p = c.getPackageName();
    if (!p.startsWith(FIXTURE)) {
      return Optional.empty();
    }
    String rest = p.substring(FIXTURE.length());
    if (rest.startsWith("api")) {
      return Optional.of("llmops-api");
    }
    if (rest.startsWith("cli")) {
      return Optional.of("llmops-cli");
    }
    if (rest.startsWith("cpu")) {
      return Optional.of("llmops-runtime-cpu");
    }
    return Optional.of("llmops-guardrails");
  }

  private static final JavaClasses FIXTURES = new ClassFileImporter().importClasses(ApiClassUsingCli.class,
      CliCommand.class, CpuInternals.class, GuardrailUsingCpuInternals.class);

  @Test
  void upwardDependencyIsReported() {
    EvaluationResult r = ModuleRules.noDependencyOnHigherModules(fixtures()).evaluate(FIXTURES);
    assertThat(r.hasViolation()).isTrue();
    assertThat(r.getFailureReport().getDetails())
        .anySatisfy(d -> assertThat(d).contains("llmops-api must not depend on llmops-cli"));
    // A downward dependency (cli -> api, guardrails -> cpu) is not reported.
    assertThat(r.getFailureReport().getDetails()).noneSatisfy(d -> assertThat(d).contains("llmops-cli must not"));
  }

  @Test
  void useOfAnotherModulesInternalsIsReported() {
    EvaluationResult r = ModuleRules.noUseOfAnotherModulesInternalPackage(fixtures()).evaluate(FIXTURES);
    assertThat(r.getFailureReport().getDetails()).singleElement()
        .satisfies(d -> assertThat(d).contains("llmops-guardrails uses the internal package of llmops-runtime-cpu"));
  }

  @Test
  void splitPackageIsReported() {
    ConditionEvents events = ConditionEvents.Factory.create();
    // The fixture classes all share the module "llmops-api" under this resolver but sit in four packages: no split.
    ModuleRules.noSplitPackages(c -> Optional.of("x")).check(FIXTURES, events);
    assertThat(events.getViolating()).isEmpty();
    // Two classes of one package claimed by two modules: a split.
    ModuleRules.noSplitPackages(c -> Optional.of(c.getSimpleName().equals("ApiClassUsingCli") ? "a" : "b"))
        .check(new ClassFileImporter().importClasses(ApiClassUsingCli.class, ApiClassUsingCli.Helper.class), events);
    assertThat(events.getViolating()).hasSize(1);
  }

  private static Modules.Resolver fixtures() {
    return ArchitectureRulesFailWhenBrokenTest::fixtureModule;
  }
}
