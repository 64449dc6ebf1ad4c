package io.llmops.runtime.cpu.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Byte-level BPE with ranked merges (llama.cpp's {@code llm_tokenizer_bpe_session}): the pre-tokenizer splits text
 * into words, each word's UTF-8 bytes are mapped to GPT-2's byte alphabet, and adjacent symbols are merged lowest rank
 * first (ties: leftmost) through a priority queue. With {@code ignore_merges} (Llama 3) a word that is itself a token
 * is emitted whole. Stateless; thread-safe.
 */
final class BpeEncoder {
  private final Vocabulary vocab;

  BpeEncoder(Vocabulary vocab) {
    this.vocab = vocab;
  }

  private record Bigram(int left, int right, int rank, int leftLen, int rightLen) {}

  void encode(String text, IntList out) {
    List<String> words = vocab.preTokenizer.split(text);
    for (String w : words) {
      String word = ByteLevel.encode(w.getBytes(StandardCharsets.UTF_8));
      if (vocab.ignoreMerges) {
        int id = vocab.id(word);
        if (id >= 0) {
          out.add(id);
          continue;
        }
      }
      encodeWord(word, out);
    }
  }

  private void encodeWord(String word, IntList out) {
    int n = word.length(); // the byte alphabet is all BMP: one char per symbol
    int[] len = new int[n];
    int[] prev = new int[n];
    int[] next = new int[n];
    for (int i = 0; i < n; i++) {
      len[i] = 1;
      prev[i] = i - 1;
      next[i] = i + 1 < n ? i + 1 : -1;
    }
    PriorityQueue<Bigram> queue = new PriorityQueue<>((a, b) -> a.rank != b.rank
        ? Integer.compare(a.rank, b.rank) : Integer.compare(a.left, b.left));
    for (int i = 1; i < n; i++) {
      tryAdd(word, len, i - 1, i, queue);
    }
    while (!queue.isEmpty()) {
      Bigram b = queue.poll();
      if (len[b.left] != b.leftLen || len[b.right] != b.rightLen) {
        continue; // stale (llama.cpp compares the texts, which is the same test here)
      }
      len[b.left] += len[b.right];
      len[b.right] = 0;
      next[b.left] = next[b.right];
      if (next[b.right] >= 0) {
        prev[next[b.right]] = b.left;
      }
      tryAdd(word, len, prev[b.left], b.left, queue);
      tryAdd(word, len, b.left, next[b.left], queue);
    }
    for (int i = 0; i != -1 && n > 0; i = next[i]) {
      String piece = word.substring(i, i + len[i]);
      int id = vocab.id(piece);
      if (id >= 0) {
        out.add(id);
      } else {
        // llama.cpp falls back to single-byte tokens of the piece's UTF-8; only ASCII ones can exist.
        for (byte by : piece.getBytes(StandardCharsets.UTF_8)) {
          int t = by >= 0 ? vocab.id(String.valueOf((char) by)) : -1;
          if (t >= 0) {
            out.add(t);
          }
        }
      }
    }
  }

  private void tryAdd(String word, int[] len, int left, int right, PriorityQueue<Bigram> queue) {
    if (left < 0 || right < 0) {
      return;
    }
    String key = new StringBuilder(len[left] + len[right] + 1)
        .append(word, left, left + len[left]).append(' ').append(word, right, right + len[right]).toString();
    Integer rank = vocab.mergeRanks.get(key);
    if (rank != null) {
      queue.add(new Bigram(left, right, rank, len[left], len[right]));
    }
  }
}
