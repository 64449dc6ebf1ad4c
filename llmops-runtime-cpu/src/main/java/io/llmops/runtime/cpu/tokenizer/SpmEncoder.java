package io.llmops.runtime.cpu.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.PriorityQueue;

/**
 * SentencePiece-style BPE over scores (llama.cpp's {@code llm_tokenizer_spm_session}): start from single code points,
 * repeatedly merge the adjacent pair whose concatenation is the highest-scoring vocabulary token (ties: leftmost),
 * then emit each final piece, or its UTF-8 bytes as {@code <0xXX>} tokens when it is not in the vocabulary. The
 * priority queue makes this O(n log n). Stateless; thread-safe.
 */
final class SpmEncoder {
  private final Vocabulary vocab;

  SpmEncoder(Vocabulary vocab) {
    this.vocab = vocab;
  }

  private record Bigram(int left, int right, float score, int size) {}

  /** Encodes text that already has spaces escaped as U+2581. */
  void encode(String text, IntList out) {
    int n = text.codePointCount(0, text.length());
    if (n == 0) {
      return;
    }
    int[] start = new int[n];
    int[] len = new int[n]; // in chars; 0 once merged away
    int[] prev = new int[n];
    int[] next = new int[n];
    for (int i = 0, off = 0; i < n; i++) {
      int cp = text.codePointAt(off);
      start[i] = off;
      len[i] = Character.charCount(cp);
      off += len[i];
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.score != b.score
        ? Float.compare(b.score, a.score) : Integer.compare(a.left, b.left));
    for (int i = 1; i < n; i++) {
      tryAdd(text, start, len, i - 1, i, queue);
    }
    while (!queue.isEmpty()) {
      Bigram b = queue.poll();
      if (len[b.left] == 0 || len[b.right] == 0 || len[b.left] + len[b.right] != b.size) {
        continue; // stale: one side was merged since
      }
      len[b.left] += len[b.right];
      len[b.right] = 0;
      next[b.left] = next[b.right];
      if (next[b.right] >= 0) {
        prev[next[b.right]] = b.left;
      }
      tryAdd(text, start, len, prev[b.left], b.left, queue);
      tryAdd(text, start, len, b.left, next[b.left], queue);
    }
    for (int i = 0; i != -1; i = next[i]) {
      String piece = text.substring(start[i], start[i] + len[i]);
      int id = vocab.id(piece);
      if (id >= 0) {
        out.add(id);
      } else {
        for (byte by : piece.getBytes(StandardCharsets.UTF_8)) {
          int t = vocab.byteToken(by & 0xFF);
          if (t >= 0) {
            out.add(t);
          } else if (vocab.unk >= 0) {
            out.add(vocab.unk); // llama.cpp would throw; a vocabulary without byte tokens is degenerate
          }
        }
      }
    }
  }

  private void tryAdd(String text, int[] start, int[] len, int left, int right, PriorityQueue<Bigram> queue) {
    if (left < 0 || right < 0) {
      return;
    }
    int id = vocab.id(text.substring(start[left], start[left] + len[left] + len[right]));
    if (id < 0) {
      return;
    }
    queue.add(new Bigram(left, right, vocab.scores[id], len[left] + len[right]));
  }
}
