package io.llmops.telemetry;

import io.llmops.InvalidRequestException;
import io.llmops.observation.ContentRedactor;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Iterator;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link GenAiTelemetry}. Not thread-safe; reusable (each {@link #build()} copies the settings).
 *
 * <p>Content capture is decided at {@link #build()}: an explicit {@link #captureContent(boolean)} wins, else the
 * environment variable {@value GenAiTelemetry#CAPTURE_CONTENT_ENV} ({@code true}, case-insensitive, enables it), read
 * through {@link #environment(UnaryOperator)} so tests need no process environment. The redactor is the one given
 * here, else the first {@link ContentRedactor} found by {@link ServiceLoader} on {@link #classLoader(ClassLoader)};
 * without one, capture stays off and a warning is logged.
 *
 * @since 0.1.0
 */
public final class GenAiTelemetryBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(GenAiTelemetry.class);

  final OpenTelemetry openTelemetry;
  String providerName = GenAiTelemetry.DEFAULT_PROVIDER;
  private Boolean captureContent;
  private UnaryOperator<String> environment = System::getenv;
  private ContentRedactor redactor;
  private ClassLoader classLoader;
  private int maxContentChars = GenAiTelemetry.DEFAULT_MAX_CONTENT_CHARS;
  PriceTable priceTable = PriceTable.empty();

  GenAiTelemetryBuilder(OpenTelemetry openTelemetry) {
    this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
  }

  GenAiTelemetryBuilder copy() {
    GenAiTelemetryBuilder b = new GenAiTelemetryBuilder(openTelemetry);
    b.providerName = providerName;
    b.captureContent = captureContent;
    b.environment = environment;
    b.redactor = redactor;
    b.classLoader = classLoader;
    b.maxContentChars = maxContentChars;
    b.priceTable = priceTable;
    return b;
  }

  /**
   * Sets {@code gen_ai.provider.name} (default {@value GenAiTelemetry#DEFAULT_PROVIDER}).
   *
   * @param providerName the provider
   * @return this builder
   */
  public GenAiTelemetryBuilder providerName(String providerName) {
    this.providerName = Objects.requireNonNull(providerName, "providerName");
    return this;
  }

  /**
   * Turns content capture on or off, overriding the environment variable.
   *
   * @param captureContent whether to capture message content
   * @return this builder
   */
  public GenAiTelemetryBuilder captureContent(boolean captureContent) {
    this.captureContent = captureContent;
    return this;
  }

  /**
   * Sets how environment variables are read (default {@link System#getenv(String)}).
   *
   * @param environment name to value, {@code null} when unset
   * @return this builder
   */
  public GenAiTelemetryBuilder environment(UnaryOperator<String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
    return this;
  }

  /**
   * Sets the redactor captured content passes through (default: found by {@link ServiceLoader}).
   *
   * @param redactor the redactor; {@link ContentRedactor#none()} captures content unredacted
   * @return this builder
   */
  public GenAiTelemetryBuilder redactor(ContentRedactor redactor) {
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    return this;
  }

  /**
   * Sets the class loader searched for a {@link ContentRedactor} (default: the thread's context class loader).
   *
   * @param classLoader the class loader
   * @return this builder
   */
  public GenAiTelemetryBuilder classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    return this;
  }

  /**
   * Caps captured characters per message (and per evaluation explanation); longer text is cut and marked.
   *
   * @param maxContentChars at least 1
   * @return this builder
   * @throws InvalidRequestException if below 1
   */
  public GenAiTelemetryBuilder maxContentChars(int maxContentChars) {
    InvalidRequestException.check(maxContentChars >= 1, "maxContentChars must be >= 1: " + maxContentChars);
    this.maxContentChars = maxContentChars;
    return this;
  }

  /**
   * Sets the prices used for {@code llmops.cost.*} (default: none, so costs carry measurements only).
   *
   * @param priceTable the prices
   * @return this builder
   */
  public GenAiTelemetryBuilder priceTable(PriceTable priceTable) {
    this.priceTable = Objects.requireNonNull(priceTable, "priceTable");
    return this;
  }

  /**
   * Builds the instrumentation.
   *
   * @return the instrumentation
   */
  public GenAiTelemetry build() {
    return new GenAiTelemetry(this);
  }

  /** Returns the capture to use, or {@code null} when content is not captured. */
  ContentCapture resolveCapture() {
    boolean enabled = captureContent != null ? captureContent
        : "true".equalsIgnoreCase(trim(environment.apply(GenAiTelemetry.CAPTURE_CONTENT_ENV)));
    if (!enabled) {
      return null;
    }
    ContentRedactor r = redactor != null ? redactor : discoverRedactor();
    if (r == null) {
      LOG.warn("message content capture was requested but no ContentRedactor was given or found on the class path;"
          + " content will not be captured. Add llmops-guardrails, or pass ContentRedactor.none() explicitly to"
          + " capture content unredacted.");
      return null;
    }
    return new ContentCapture(r, maxContentChars);
  }

  private ContentRedactor discoverRedactor() {
    ClassLoader cl = classLoader != null ? classLoader : Thread.currentThread().getContextClassLoader();
    Iterator<ContentRedactor> it = ServiceLoader.load(ContentRedactor.class, cl).iterator();
    // Each provider guarded on its own: one broken jar must not hide the others (STYLE.md point 3).
    // Bounded: a provider that fails the same way forever must not hang the build() call.
    for (int attempt = 0; attempt < 64; attempt++) {
      try {
        if (!it.hasNext()) {
          return null;
        }
        return it.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        LOG.warn("skipping a ContentRedactor provider that failed to load: {}", e.toString());
      }
    }
    return null;
  }

  private static String trim(String s) {
    return s == null ? null : s.trim();
  }
}
