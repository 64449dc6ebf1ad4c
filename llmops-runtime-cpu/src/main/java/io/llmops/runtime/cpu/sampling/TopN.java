package io.llmops.runtime.cpu.sampling;

/**
 * Orders (logit, id) pairs as one {@code long}, so candidates sort without boxing: ascending keys are descending
 * logits, ties broken by ascending id.
 */
final class TopN {
  private TopN() {}

  static long key(float logit, int id) {
    int bits = Float.floatToIntBits(logit);
    // Map floats to ints that order like the floats, then negate for descending order.
    int sortable = bits >= 0 ? bits : bits ^ 0x7fffffff;
    long desc = -(long) sortable;
    return (desc << 32) | (id & 0xffffffffL);
  }

  static int id(long key) {
    return (int) key;
  }

  /** Rearranges {@code a[0..count)} so that its {@code k} smallest keys come first (in any order). */
  static void selectSmallest(long[] a, int count, int k) {
    int lo = 0;
    int hi = count - 1;
    while (lo < hi) {
      long pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k - 1 <= j) {
        hi = j;
      } else if (k - 1 >= i) {
        lo = i;
      } else {
        return;
      }
    }
  }
}
