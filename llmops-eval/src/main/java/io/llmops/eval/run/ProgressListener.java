package io.llmops.eval.run;

/**
 * Hears a run's progress. Called from worker threads: implementations are thread-safe and never throw (a listener
 * must not fail a run).
 *
 * @since 0.1.0
 */
public interface ProgressListener {

  /**
   * The run starts.
   *
   * @param total cases in the dataset
   * @param alreadyDone cases finished by an earlier, resumed attempt
   */
  void onStart(int total, int alreadyDone);

  /**
   * A case finished.
   *
   * @param done cases finished so far, resumed ones included
   * @param total cases in the dataset
   */
  void onCase(int done, int total);

  /** The run ended (finished, cancelled or failed). */
  void onEnd();

  /**
   * Returns a listener that does nothing.
   *
   * @return the listener
   */
  static ProgressListener none() {
    return new ProgressListener() {
      @Override
      public void onStart(int total, int alreadyDone) {}

      @Override
      public void onCase(int done, int total) {}

      @Override
      public void onEnd() {}
    };
  }

  /**
   * Returns a progress bar on standard error: redrawn in place on a terminal, one line per 10% otherwise (logs, CI).
   *
   * @return the listener
   */
  static ProgressListener console() {
    return new ConsoleProgress(System.err, System.console() != null);
  }
}
