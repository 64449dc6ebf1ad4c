package io.llmops.spi;

import io.llmops.model.LanguageModel;
import java.nio.file.Path;

/** Runtime providers registered by the discovery tests' service files; each models one way a provider behaves. */
final class FakeProviders {
  private FakeProviders() {}

  /** A runtime that names itself and refuses to load anything: the tests only check which one was selected. */
  static ModelRuntime runtime(String name) {
    return new ModelRuntime() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public LanguageModel load(Path path, ModelOptions options) {
        throw new UnsupportedOperationException("test runtime " + name + " loads no model");
      }
    };
  }

  abstract static class Base implements RuntimeProvider {
    private final String name;
    private final int priority;
    private final Availability availability;

    Base(String name, int priority, Availability availability) {
      this.name = name;
      this.priority = priority;
      this.availability = availability;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public int priority() {
      return priority;
    }

    @Override
    public Availability probe() {
      return availability;
    }

    @Override
    public ModelRuntime create() {
      return runtime(name);
    }
  }

  /** Available, low priority. */
  public static final class Slow extends Base {
    public Slow() {
      super("slow", 10, Availability.available("always here"));
    }
  }

  /** Available, higher priority. */
  public static final class Fast extends Base {
    public Fast() {
      super("fast", 50, Availability.available("vector units found"));
    }
  }

  /** Highest priority but unavailable. */
  public static final class Gpu extends Base {
    public Gpu() {
      super("gpu", 300, Availability.unavailable("no CUDA driver (libcuda.so.1 not found)"));
    }
  }

  /** Its constructor throws: ServiceLoader reports a ServiceConfigurationError. */
  public static final class BrokenConstructor extends Base {
    public BrokenConstructor() {
      super("broken", 1000, Availability.available(""));
      throw new IllegalStateException("constructor exploded");
    }
  }

  /** Its probe throws instead of answering. */
  public static final class ThrowingProbe extends Base {
    public ThrowingProbe() {
      super("throwing-probe", 500, Availability.available(""));
    }

    @Override
    public Availability probe() {
      throw new UnsatisfiedLinkError("libfoo.so: cannot open shared object file");
    }
  }

  /** Available, but create() fails. */
  public static final class FailingCreate extends Base {
    public FailingCreate() {
      super("failing-create", 400, Availability.available("looks fine"));
    }

    @Override
    public ModelRuntime create() {
      throw new IllegalStateException("device vanished");
    }
  }
}
