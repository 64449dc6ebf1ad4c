package io.llmops.eval.run;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar: on a terminal one line redrawn with {@code \r}, else a new line at every 10% so that logs stay
 * readable. Shows cases done, rate and the time left. Thread-safe (synchronized).
 */
final class ConsoleProgress implements ProgressListener {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean terminal;
  private long startNanos;
  private int resumed;
  private int lastDecile = -1;

  ConsoleProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public synchronized void onStart(int total, int alreadyDone) {
    startNanos = System.nanoTime();
    resumed = alreadyDone;
    if (alreadyDone > 0) {
      out.println("resuming: " + alreadyDone + " of " + total + " cases already done");
    }
    draw(alreadyDone, total);
  }

  @Override
  public synchronized void onCase(int done, int total) {
    draw(done, total);
  }

  @Override
  public synchronized void onEnd() {
    if (terminal) {
      out.println();
    }
    out.flush();
  }

  private void draw(int done, int total) {
    String line = render(done, total, (System.nanoTime() - startNanos) / 1e9, resumed);
    if (terminal) {
      out.print('\r' + line);
      out.flush();
    } else {
      int decile = total == 0 ? 10 : done * 10 / total;
      if (decile != lastDecile) {
        lastDecile = decile;
        out.println(line);
      }
    }
  }

  static String render(int done, int total, double elapsedSeconds, int resumed) {
    double fraction = total == 0 ? 1 : (double) done / total;
    int filled = (int) Math.round(fraction * WIDTH);
    StringBuilder sb = new StringBuilder("eval [");
    sb.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    sb.append(done).append('/').append(total).append(String.format(Locale.ROOT, " %3d%%", Math.round(fraction * 100)));
    int fresh = done - resumed;
    if (fresh > 0 && elapsedSeconds > 0) {
      double rate = fresh / elapsedSeconds;
      sb.append(String.format(Locale.ROOT, " %.2f case/s, ETA %ds", rate, Math.round((total - done) / rate)));
    }
    return sb.toString();
  }
}
