package io.llmops.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The architecture rules, parameterised by how a class's module is found so that they can be tested themselves. */
final class ModuleRules {
  private ModuleRules() {}

  /** No module depends on a module above it or beside it unless {@link Modules#ALLOWED} says so. */
  static ArchRule noDependencyOnHigherModules(Modules.Resolver modules) {
    return ArchRuleDefinition.classes().should(new ArchCondition<JavaClass>("depend only on allowed modules") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> from = modules.apply(origin);
        if (from.isEmpty()) {
          return;
        }
        Set<String> allowed = Modules.ALLOWED.get(from.get());
        if (allowed == null) {
          events.add(SimpleConditionEvent.violated(origin,
              origin.getName() + " is in module " + from.get() + ", which has no entry in Modules.ALLOWED"));
          return;
        }
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          Optional<String> to = modules.apply(d.getTargetClass());
          if (to.isPresent() && !to.get().equals(from.get()) && !allowed.contains(to.get())) {
            events.add(SimpleConditionEvent.violated(d,
                from.get() + " must not depend on " + to.get() + ": " + d.getDescription()));
          }
        }
      }
    }).allowEmptyShould(true);
  }

  /** A package named {@code internal} is used only from its own module. */
  static ArchRule noUseOfAnotherModulesInternalPackage(Modules.Resolver modules) {
    return ArchRuleDefinition.classes().should(new ArchCondition<JavaClass>("not use another module's internals") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> from = modules.apply(origin);
        if (from.isEmpty()) {
          return;
        }
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = d.getTargetClass();
          boolean internal = ("." + target.getPackageName() + ".").contains(".internal.");
          Optional<String> to = modules.apply(target);
          if (internal && to.isPresent() && !to.get().equals(from.get())) {
            events.add(SimpleConditionEvent.violated(d,
                from.get() + " uses the internal package of " + to.get() + ": " + d.getDescription()));
          }
        }
      }
    }).allowEmptyShould(true);
  }

  /** No package is split across modules (JPMS forbids it, and it hides which jar a class comes from). */
  static ArchCondition<JavaClasses> noSplitPackages(Modules.Resolver modules) {
    return new ArchCondition<>("have no package split across modules") {
      @Override
      public void check(JavaClasses classes, ConditionEvents events) {
        Map<String, String> owner = new HashMap<>();
        for (JavaClass c : classes) {
          Optional<String> m = modules.apply(c);
          if (m.isEmpty()) {
            continue;
          }
          String previous = owner.putIfAbsent(c.getPackageName(), m.get());
          if (previous != null && !previous.equals(m.get())) {
            events.add(SimpleConditionEvent.violated(c, "package " + c.getPackageName() + " is in both "
                + previous + " and " + m.get() + " (" + c.getName() + ")"));
          }
        }
      }
    };
  }
}
