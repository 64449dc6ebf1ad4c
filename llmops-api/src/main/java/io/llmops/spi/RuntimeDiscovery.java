package io.llmops.spi;

import io.llmops.RuntimeUnavailableException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Finds runtime providers with {@link ServiceLoader} and picks one. Each provider is guarded on its own, in the
 * manner of SLF4J's provider lookup: a provider whose class is missing, whose constructor throws, or whose {@code
 * name()}, {@code priority()} or {@code probe()} throws is recorded with the reason and skipped; it never hides the
 * others.
 *
 * <p>Selection: the runtime named by {@link #select(String)}'s argument or, when that is {@code null}, by the system
 * property {@value #RUNTIME_PROPERTY}; otherwise the available provider with the highest priority. When nothing fits,
 * {@link RuntimeUnavailableException} lists every provider found and why it was rejected.
 *
 * <p>Instances hold only a class loader; discovery runs afresh on each call (no hidden global state). Thread-safe.
 *
 * @since 0.1.0
 */
public final class RuntimeDiscovery {
  /** The system property that forces a runtime by name: {@code -Dllmops.runtime=cpu}. */
  public static final String RUNTIME_PROPERTY = "llmops.runtime";
  private static final int MAX_SERVICE_ERRORS = 256;

  private final ClassLoader classLoader;

  private RuntimeDiscovery(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /**
   * Creates a discovery over a class loader.
   *
   * @param classLoader where to look for {@code META-INF/services/io.llmops.spi.RuntimeProvider}
   * @return the discovery
   */
  public static RuntimeDiscovery of(ClassLoader classLoader) {
    return new RuntimeDiscovery(classLoader);
  }

  /**
   * Creates a discovery over the current thread's context class loader (or this class's loader if none).
   *
   * @return the discovery
   */
  public static RuntimeDiscovery ofContextClassLoader() {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    return new RuntimeDiscovery(cl != null ? cl : RuntimeDiscovery.class.getClassLoader());
  }

  /**
   * Probes every provider and reports what it found, highest priority first.
   *
   * @return one status per provider (including those that failed to load)
   */
  public List<RuntimeStatus> statuses() {
    List<RuntimeStatus> out = new ArrayList<>();
    for (Candidate c : discover()) {
      out.add(c.status);
    }
    return out;
  }

  /**
   * Selects a runtime and creates it.
   *
   * @param override the runtime name to force, or {@code null} to use {@value #RUNTIME_PROPERTY} or else the
   *     highest-priority available provider
   * @return the created runtime
   * @throws RuntimeUnavailableException if no provider fits; the message lists every provider and its reason
   */
  public ModelRuntime select(String override) {
    String forced = override != null ? override : System.getProperty(RUNTIME_PROPERTY);
    if (forced != null && forced.isBlank()) {
      forced = null;
    }
    List<Candidate> candidates = discover();
    List<RuntimeStatus> statuses = new ArrayList<>();
    candidates.forEach(c -> statuses.add(c.status));
    if (forced != null) {
      String wanted = forced.trim().toLowerCase(Locale.ROOT);
      for (Candidate c : candidates) {
        if (c.provider != null && c.status.name().toLowerCase(Locale.ROOT).equals(wanted)) {
          if (!c.status.available()) {
            throw new RuntimeUnavailableException(
                "runtime '" + forced + "' was requested but is unavailable: " + c.status.reason(), statuses);
          }
          return c.provider.create();
        }
      }
      throw new RuntimeUnavailableException("runtime '" + forced + "' was requested (by "
          + (override != null ? "the caller" : "-D" + RUNTIME_PROPERTY) + ") but no provider has that name",
          statuses);
    }
    List<String> createFailures = new ArrayList<>();
    for (Candidate c : candidates) {
      if (c.provider == null || !c.status.available()) {
        continue;
      }
      try {
        return c.provider.create();
      } catch (RuntimeException | LinkageError e) {
        createFailures.add(c.status.name() + ": create() failed: " + e);
      }
    }
    String why = candidates.isEmpty()
        ? "no runtime provider was found on the class path; add llmops-runtime-cpu (or llmops-runtime-cuda)"
        : "no available runtime" + (createFailures.isEmpty() ? "" : " (" + String.join("; ", createFailures) + ")");
    throw new RuntimeUnavailableException(why, statuses);
  }

  private List<Candidate> discover() {
    List<Candidate> out = new ArrayList<>();
    Iterator<RuntimeProvider> it = ServiceLoader.load(RuntimeProvider.class, classLoader).iterator();
    int errors = 0;
    while (errors < MAX_SERVICE_ERRORS) {
      RuntimeProvider p;
      try {
        if (!it.hasNext()) {
          break;
        }
        p = it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        // A provider class that is missing, not a RuntimeProvider, or whose constructor threw.
        errors++;
        out.add(new Candidate(null,
            new RuntimeStatus("<broken provider>", Integer.MIN_VALUE, false, "could not be created: " + rootMessage(e),
                String.valueOf(e.getMessage()))));
        continue;
      }
      out.add(inspect(p));
    }
    out.sort(Comparator.comparingInt((Candidate c) -> c.status.priority()).reversed());
    return out;
  }

  private static Candidate inspect(RuntimeProvider p) {
    String cls = p.getClass().getName();
    String name = cls;
    int priority = Integer.MIN_VALUE;
    try {
      name = p.name();
      priority = p.priority();
      Availability a = p.probe();
      if (a == null) {
        return new Candidate(p, new RuntimeStatus(name, priority, false, "probe() returned null", cls));
      }
      return new Candidate(p, new RuntimeStatus(name, priority, a.available(), a.reason(), cls));
    } catch (RuntimeException | LinkageError e) {
      return new Candidate(p, new RuntimeStatus(name, priority, false, "probe failed: " + rootMessage(e), cls));
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e) : e.getClass().getSimpleName() + " caused by " + t;
  }

  private static final class Candidate {
    final RuntimeProvider provider;
    final RuntimeStatus status;

    Candidate(RuntimeProvider provider, RuntimeStatus status) {
      this.provider = provider;
      this.status = status;
    }
  }
}
