package io.llmops.observation;

/** The listener behind {@link ModelListener#noop()}. */
final class NoopListener implements ModelListener {
  static final NoopListener INSTANCE = new NoopListener();

  private NoopListener() {}

  @Override
  public String toString() {
    return "ModelListener.noop()";
  }
}
