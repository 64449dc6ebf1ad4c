package io.llmops.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which module a class comes from, and which modules each module may use. The module is read from where the class
 * was loaded ({@code <module>/target/classes} in a reactor build, {@code <artifact>-<version>.jar} from a
 * repository), so a class placed in the wrong module or a package split across jars is seen for what it is.
 *
 * <p>The layering (docs/ARCHITECTURE.md): api ← runtimes, telemetry, guardrails, eval (these three code against the
 * API's model interfaces only; a runtime is the application's choice) ← cli, samples, benchmarks.
 */
final class Modules {
  static final String API = "llmops-api";

  /** Module → the other modules of ours its main code may depend on. */
  static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry(API, Set.of()),
      Map.entry("llmops-testing", Set.of(API)),
      Map.entry("llmops-runtime-cpu", Set.of(API)),
      Map.entry("llmops-runtime-cuda", Set.of(API, "llmops-runtime-cpu")),
      Map.entry("llmops-telemetry", Set.of(API)),
      Map.entry("llmops-guardrails", Set.of(API)),
      Map.entry("llmops-eval", Set.of(API)),
      Map.entry("llmops-cli", Set.of(API, "llmops-runtime-cpu", "llmops-runtime-cuda", "llmops-guardrails",
          "llmops-telemetry", "llmops-eval")),
      Map.entry("llmops-samples", Set.of(API, "llmops-runtime-cpu", "llmops-runtime-cuda", "llmops-guardrails",
          "llmops-telemetry", "llmops-eval")),
      Map.entry("llmops-benchmarks", Set.of(API, "llmops-runtime-cpu", "llmops-runtime-cuda", "llmops-guardrails",
          "llmops-telemetry", "llmops-eval")));

  private static final Pattern TARGET = Pattern.compile("/([a-z-]+)/target/classes/");
  private static final Pattern JAR = Pattern.compile("/(llmops-[a-z-]+)-\\d[^/]*\\.jar!");
  private static final Map<String, String> DIRECTORY_TO_ARTIFACT =
      Map.of("benchmarks", "llmops-benchmarks", "samples", "llmops-samples");

  private Modules() {}

  /** Reads the module of a class from its location; empty for classes that are not ours. */
  static Optional<String> byLocation(JavaClass c) {
    if (!c.getPackageName().startsWith("io.llmops")) {
      return Optional.empty();
    }
    return c.getSource().map(s -> s.getUri().toString()).flatMap(uri -> {
      Matcher m = TARGET.matcher(uri);
      if (m.find()) {
        return Optional.of(DIRECTORY_TO_ARTIFACT.getOrDefault(m.group(1), m.group(1)));
      }
      Matcher j = JAR.matcher(uri);
      return j.find() ? Optional.of(j.group(1)) : Optional.empty();
    });
  }

  /** A module resolver; tests of the rules themselves pass their own. */
  interface Resolver extends Function<JavaClass, Optional<String>> {}
}
