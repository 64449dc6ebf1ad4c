package io.llmops.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of docs/ARCHITECTURE.md and STYLE.md points 1 and 5, over the main code of every module. */
class ArchitectureTest {
  private static final Pattern OUR_JARS = Pattern.compile(".*/llmops-[a-z-]+-\\d[^/]*\\.jar.*");
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("/architecture-tests/"))
        // Only our own classes: reactor output folders and llmops jars (scanning every third-party jar is slow).
        .withImportOption(location -> location.contains("/target/classes/") || location.matches(OUR_JARS))
        .importPackages("io.llmops");
  }

  @Test
  void everyModuleIsSeen() {
    Set<String> seen = new TreeSet<>();
    for (JavaClass c : classes) {
      Modules.byLocation(c).ifPresent(seen::add);
    }
    // If a module stops being found, the rules below would pass vacuously for it.
    assertThat(seen).contains("llmops-api", "llmops-testing", "llmops-runtime-cpu");
    assertThat(Modules.ALLOWED.keySet()).containsAll(seen);
  }

  @Test
  void noModuleDependsOnAModuleAboveIt() {
    ModuleRules.noDependencyOnHigherModules(Modules::byLocation).check(classes);
  }

  @Test
  void noModuleUsesAnotherModulesInternalPackage() {
    ModuleRules.noUseOfAnotherModulesInternalPackage(Modules::byLocation).check(classes);
  }

  @Test
  void noPackageIsSplitAcrossModules() {
    ConditionEvents events = ConditionEvents.Factory.create();
    ModuleRules.noSplitPackages(Modules::byLocation).check(classes, events);
    assertThat(events.getViolating()).isEmpty();
  }

  @Test
  void theApiDependsOnTheJdkOnly() {
    ArchRule rule = ArchRuleDefinition.classes().that(DescribedPredicate.describe("are in llmops-api",
        (JavaClass c) -> Modules.byLocation(c).orElse("").equals(Modules.API)))
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.llmops..")
        .allowEmptyShould(false);
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.getFailureReport().getDetails()).isEmpty();
  }
}
