package io.llmops.eval.run;

import io.llmops.GenerationCancelledException;
import io.llmops.InvalidRequestException;
import io.llmops.evaluation.CaseResult;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalDataset;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.EvalRunResult;
import io.llmops.evaluation.Evaluator;
import io.llmops.evaluation.Score;
import io.llmops.evaluation.Scorer;
import io.llmops.eval.metrics.CostModel;
import io.llmops.eval.store.CaseRecord;
import io.llmops.eval.store.ModelIdentity;
import io.llmops.eval.store.RunInfo;
import io.llmops.eval.store.RunStore;
import io.llmops.eval.store.StoredRun;
import io.llmops.model.CompletionResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a dataset through an {@link EvalTask} and scores each output: in parallel over cases, deterministic,
 * resumable and cancellable.
 *
 * <ul>
 *   <li><b>Deterministic:</b> each case runs with a seed derived from the run's seed and the case id (FNV-1a of the id
 *       mixed by SplitMix64), so a case gets the same seed whatever the concurrency or order; seeds are stored.
 *   <li><b>Resumable:</b> with a {@link RunStore}, each case is committed as it finishes; running the same run id again
 *       skips every committed case and only runs the rest.
 *   <li><b>Cancellable:</b> {@link #cancel()} from any thread stops new cases from starting; cases in flight finish
 *       and are stored, then {@link #evaluate} throws {@link GenerationCancelledException}.
 * </ul>
 *
 * <p>A failing call or scorer is recorded in the case's result, never thrown. Thread-safe: {@link #evaluate} may run
 * once at a time per runner.
 *
 * @since 0.1.0
 */
public final class EvalRunner implements Evaluator {
  private final EvalTask task;
  private final List<Scorer> scorers;
  private final int concurrency;
  private final long seed;
  private final String runId;
  private final RunStore store;
  private final ModelIdentity model;
  private final String promptVersion;
  private final Map<String, String> parameters;
  private final CostModel costModel;
  private final ProgressListener progress;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  private EvalRunner(Builder b) {
    task = b.task;
    scorers = List.copyOf(b.scorers);
    concurrency = b.concurrency;
    seed = b.seed;
    runId = b.runId == null ? UUID.randomUUID().toString() : b.runId;
    store = b.store;
    model = b.model;
    promptVersion = b.promptVersion;
    parameters = Map.copyOf(b.parameters);
    costModel = b.costModel;
    progress = b.progress;
  }

  /**
   * Returns a builder.
   *
   * @param task the system under test
   * @return the builder
   */
  public static Builder builder(EvalTask task) {
    return new Builder(task);
  }

  /**
   * Returns the run id.
   *
   * @return the id (generated when none was set)
   */
  public String runId() {
    return runId;
  }

  /** Stops scheduling new cases; the running {@link #evaluate} then throws once in-flight cases are stored. */
  public void cancel() {
    cancelled.set(true);
  }

  /**
   * Returns the seed a case runs with.
   *
   * @param runSeed the run's seed
   * @param caseId the case id
   * @return the case's seed
   */
  public static long caseSeed(long runSeed, String caseId) {
    long h = 0xcbf29ce484222325L; // FNV-1a 64 offset basis
    for (byte b : caseId.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    long z = runSeed + h + 0x9e3779b97f4a7c15L; // SplitMix64 finaliser
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /**
   * Runs and scores the dataset, skipping cases already stored for this run id.
   *
   * @param dataset the cases
   * @return the result, cases in dataset order
   * @throws GenerationCancelledException if {@link #cancel()} was called (finished cases stay stored)
   * @throws InvalidRequestException if the run id exists in the store for another dataset version, model or seed
   */
  @Override
  public EvalRunResult evaluate(EvalDataset dataset) {
    cancelled.set(false);
    Map<String, CaseRecord> done = new ConcurrentHashMap<>();
    if (store != null) {
      store.startRun(new RunInfo(runId, dataset.name(), dataset.version(), model, promptVersion, parameters, seed,
          System.currentTimeMillis()));
      store.load(runId).map(StoredRun::cases).orElse(List.of()).forEach(r -> done.put(r.caseId(), r));
    }
    int total = dataset.size();
    AtomicInteger finished = new AtomicInteger(done.size());
    progress.onStart(total, done.size());
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "llmops-eval-" + runId);
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < total; i++) {
        EvalCase c = dataset.cases().get(i);
        if (done.containsKey(c.id())) {
          continue;
        }
        int index = i;
        futures.add(pool.submit(() -> {
          if (cancelled.get()) {
            return;
          }
          CaseRecord record = runCase(index, c);
          if (store != null) {
            store.saveCase(runId, record);
          }
          done.put(c.id(), record);
          progress.onCase(finished.incrementAndGet(), total);
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          cancelled.set(true);
          throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause()
              : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          cancelled.set(true);
        }
      }
    } finally {
      pool.shutdownNow();
      progress.onEnd();
    }
    if (cancelled.get()) {
      if (store != null) {
        store.finishRun(runId, "cancelled");
      }
      throw new GenerationCancelledException("run " + runId + " cancelled after " + done.size() + " of " + total
          + " cases" + (store != null ? "; finished cases are stored, run again with the same run id to resume" : ""));
    }
    if (store != null) {
      store.finishRun(runId, "finished");
    }
    List<CaseResult> results = new ArrayList<>(total);
    for (EvalCase c : dataset.cases()) {
      results.add(done.get(c.id()).result());
    }
    return new EvalRunResult(runId, dataset.name(), dataset.version(), results);
  }

  private CaseRecord runCase(int index, EvalCase c) {
    long caseSeed = caseSeed(seed, c.id());
    EvalOutput output;
    long t0 = System.nanoTime();
    try {
      output = Objects.requireNonNull(task.run(c, caseSeed), "task returned null");
    } catch (RuntimeException e) {
      CaseResult failed = new CaseResult(c.id(), null, List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
      return new CaseRecord(index, caseSeed, failed, System.nanoTime() - t0, 0, 0, 0, System.currentTimeMillis());
    }
    long latency = output.latencyNanos() > 0 ? output.latencyNanos() : System.nanoTime() - t0;
    List<Score> scores = new ArrayList<>(scorers.size());
    for (Scorer s : scorers) {
      try {
        scores.add(s.score(c, output));
      } catch (RuntimeException e) {
        scores.add(new Score(s.name(), 0, false, "scorer failed: " + e));
      }
    }
    CompletionResponse r = output.response();
    return new CaseRecord(index, caseSeed, new CaseResult(c.id(), output, scores, null), latency,
        r == null ? 0 : r.usage().inputTokens(), r == null ? 0 : r.usage().outputTokens(), costModel.cost(output),
        System.currentTimeMillis());
  }

  /**
   * Builds {@link EvalRunner}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final EvalTask task;
    private final List<Scorer> scorers = new ArrayList<>();
    private int concurrency = 1;
    private long seed = 42;
    private String runId;
    private RunStore store;
    private ModelIdentity model = ModelIdentity.named("unknown");
    private String promptVersion = "";
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private CostModel costModel = CostModel.free();
    private ProgressListener progress = ProgressListener.none();

    private Builder(EvalTask task) {
      this.task = Objects.requireNonNull(task, "task");
    }

    /**
     * Adds scorers.
     *
     * @param scorers the metrics, applied in order
     * @return this builder
     */
    public Builder scorers(List<? extends Scorer> scorers) {
      this.scorers.addAll(scorers);
      return this;
    }

    /**
     * Adds a scorer.
     *
     * @param scorer the metric
     * @return this builder
     */
    public Builder scorer(Scorer scorer) {
      scorers.add(Objects.requireNonNull(scorer, "scorer"));
      return this;
    }

    /**
     * Sets how many cases run at once.
     *
     * @param concurrency at least 1 (default 1)
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Sets the run's base seed.
     *
     * @param seed any value (default 42)
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the run id; reuse one to resume a run.
     *
     * @param runId a unique id
     * @return this builder
     */
    public Builder runId(String runId) {
      this.runId = Objects.requireNonNull(runId, "runId");
      return this;
    }

    /**
     * Sets the store that keeps each case as it finishes.
     *
     * @param store the store, owned by the caller
     * @return this builder
     */
    public Builder store(RunStore store) {
      this.store = store;
      return this;
    }

    /**
     * Sets the model's identity.
     *
     * @param model name, file hash, quantization
     * @return this builder
     */
    public Builder model(ModelIdentity model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets the prompt version.
     *
     * @param promptVersion e.g. a template's hash or tag
     * @return this builder
     */
    public Builder promptVersion(String promptVersion) {
      this.promptVersion = Objects.requireNonNull(promptVersion, "promptVersion");
      return this;
    }

    /**
     * Records a parameter of the run (sampling settings, prompt options).
     *
     * @param key the name
     * @param value the value
     * @return this builder
     */
    public Builder parameter(String key, String value) {
      parameters.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets how calls are priced.
     *
     * @param costModel the prices
     * @return this builder
     */
    public Builder costModel(CostModel costModel) {
      this.costModel = Objects.requireNonNull(costModel, "costModel");
      return this;
    }

    /**
     * Sets the progress listener.
     *
     * @param progress e.g. {@link ProgressListener#console()}
     * @return this builder
     */
    public Builder progress(ProgressListener progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the runner
     * @throws InvalidRequestException if the concurrency is below 1
     */
    public EvalRunner build() {
      InvalidRequestException.check(concurrency >= 1, "concurrency must be >= 1: " + concurrency);
      return new EvalRunner(this);
    }
  }
}
