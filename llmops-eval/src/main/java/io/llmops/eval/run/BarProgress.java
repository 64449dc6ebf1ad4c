package io.llmops.eval.run;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * A console progress bar (me.tongfei:progressbar, the library the CLI's downloader uses): cases done, rate and the
 * time left, redrawn in place. Only {@link ProgressListener#console()} creates one, and only on a terminal. Thread-safe
 * (synchronized; the bar itself is updated from a timer thread of its own).
 */
final class BarProgress implements ProgressListener {
  private final PrintStream out;
  private ProgressBar bar;

  BarProgress(PrintStream out) {
    this.out = out;
  }

  @Override
  public synchronized void onStart(int total, int alreadyDone) {
    if (alreadyDone > 0) {
      out.println("resuming: " + alreadyDone + " of " + total + " cases already done");
    }
    bar = new ProgressBarBuilder().setTaskName("eval").setInitialMax(total).setUnit(" cases", 1).showSpeed()
        .setUpdateIntervalMillis(200).setConsumer(new ConsoleProgressBarConsumer(out)).startsFrom(alreadyDone,
            java.time.Duration.ZERO).build();
  }

  @Override
  public synchronized void onCase(int done, int total) {
    if (bar != null) {
      bar.stepTo(done);
    }
  }

  @Override
  public synchronized void onEnd() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    out.flush();
  }
}
