package io.llmops.runtime.cpu.tokenizer;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * BERT WordPiece (llama.cpp's {@code llm_tokenizer_wpm_session}): strip accents, lower-case, drop control
 * characters, split on whitespace and around punctuation, ASCII symbols and CJK ideographs; then greedily match the
 * longest vocabulary token at each position of {@code "▁" + word} (llama.cpp's GGUF BERT vocabularies mark word starts
 * with U+2581 instead of continuation pieces with {@code ##}). A word with an unmatched position becomes UNK.
 * Stateless; thread-safe.
 */
final class WpmEncoder {
  private final Vocabulary vocab;

  WpmEncoder(Vocabulary vocab) {
    this.vocab = vocab;
  }

  void encode(String text, IntList out) {
    for (String word : preprocess(text)) {
      String w = "▁" + word;
      int[] bounds = w.codePoints().map(Character::charCount).toArray();
      int[] charOff = new int[bounds.length + 1];
      int[] byteOff = new int[bounds.length + 1];
      for (int i = 0; i < bounds.length; i++) {
        charOff[i + 1] = charOff[i] + bounds[i];
        byteOff[i + 1] = byteOff[i] + Vocabulary.utf8Length(w.substring(charOff[i], charOff[i + 1]));
      }
      int before = out.size();
      int n = bounds.length;
      for (int i = 0; i < n; ) {
        int match = -1;
        for (int j = n; j > i; j--) {
          if (byteOff[j] - byteOff[i] > vocab.maxTokenLength) {
            continue;
          }
          int id = vocab.id(w.substring(charOff[i], charOff[j]));
          if (id >= 0) {
            out.add(id);
            match = j;
            break;
          }
        }
        if (match < 0) {
          out.truncate(before); // discard the whole word
          break;
        }
        i = match;
      }
      if (out.size() == before) {
        out.add(vocab.unk);
      }
    }
  }

  static List<String> preprocess(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); ) {
      int cp = baseOf(text.codePointAt(i));
      i += Character.charCount(text.codePointAt(i));
      if (Unicode.isWhitespace(cp)) {
        flush(words, cur);
        continue;
      }
      if (cp == 0 || cp == 0xFFFD || Unicode.isControl(cp)) {
        continue;
      }
      int lower = Character.toLowerCase(cp);
      if (Unicode.isPunctuation(cp) || (cp < 0x7F && Unicode.isSymbol(cp)) || isChinese(cp)) {
        flush(words, cur);
        words.add(new String(Character.toChars(lower)));
      } else {
        cur.appendCodePoint(lower);
      }
    }
    flush(words, cur);
    return words;
  }

  /**
   * llama.cpp's "NFD" for WordPiece keeps only the first code point of each character's canonical decomposition
   * ({@code unicode_map_nfd}), which strips accents: "Führer" becomes "fuhrer", as BERT uncased expects.
   */
  static int baseOf(int cp) {
    if (cp < 0xC0) {
      return cp;
    }
    String s = new String(Character.toChars(cp));
    String d = Normalizer.normalize(s, Normalizer.Form.NFD);
    return d.equals(s) ? cp : d.codePointAt(0);
  }

  private static void flush(List<String> words, StringBuilder cur) {
    if (cur.length() > 0) {
      words.add(cur.toString());
      cur.setLength(0);
    }
  }

  private static boolean isChinese(int cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
        || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
        || (cp >= 0x2B920 && cp <= 0x2CEAF) // sic: HF's Rust code uses 0x2B920, llama.cpp follows
        || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
  }
}
