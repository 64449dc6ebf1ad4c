package io.llmops.runtime.cpu.tokenizer;

import java.util.Arrays;

/** A growable {@code int} array for token ids. Not thread-safe. */
final class IntList {
  private int[] a = new int[16];
  private int size;

  void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[size++] = v;
  }

  int size() {
    return size;
  }

  int get(int i) {
    return a[i];
  }

  void truncate(int newSize) {
    size = newSize;
  }

  int[] toArray() {
    return Arrays.copyOf(a, size);
  }
}
