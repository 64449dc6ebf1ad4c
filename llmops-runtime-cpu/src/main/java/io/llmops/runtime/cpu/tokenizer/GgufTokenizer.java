package io.llmops.runtime.cpu.tokenizer;

import io.llmops.ModelLoadException;
import io.llmops.model.Tokenizer;
import io.llmops.runtime.cpu.gguf.GgufFile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Tokenizer} built from the {@code tokenizer.ggml.*} metadata of a GGUF file, reproducing llama.cpp's
 * tokenization exactly (it passes llama.cpp's {@code test-tokenizer-0} fixtures). {@code tokenizer.ggml.model}
 * selects the algorithm: {@code llama} = SentencePiece BPE over scores with byte fallback, {@code gpt2} = byte-level
 * BPE over ranked merges with the pre-tokenizer named by {@code tokenizer.ggml.pre}, {@code bert} = WordPiece.
 *
 * <p>Encoding first cuts out special-token text (user-defined tokens always; control tokens only when parsing
 * special tokens is asked for), then encodes the remaining fragments. Decoding drops control and unknown tokens and,
 * for vocabularies that add a space prefix, removes the one leading space it introduced; it does not apply llama.cpp's
 * optional "clean spaces" heuristics, so {@code decode(encode(s, false, false))} gives back {@code s} for any text
 * the vocabulary can represent. Use {@link #streamingDecoder()} while generating.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class GgufTokenizer implements Tokenizer {
  private final Vocabulary vocab;
  private final SpmEncoder spm;
  private final BpeEncoder bpe;
  private final WpmEncoder wpm;
  private final byte[][] pieces;

  private GgufTokenizer(Vocabulary vocab) {
    this.vocab = vocab;
    this.spm = vocab.kind == Vocabulary.Kind.SPM ? new SpmEncoder(vocab) : null;
    this.bpe = vocab.kind == Vocabulary.Kind.BPE ? new BpeEncoder(vocab) : null;
    this.wpm = vocab.kind == Vocabulary.Kind.WPM ? new WpmEncoder(vocab) : null;
    this.pieces = new byte[vocab.size()][];
    for (int i = 0; i < pieces.length; i++) {
      pieces[i] = piece(i, false);
    }
  }

  /**
   * Builds the tokenizer of a GGUF file.
   *
   * @param file an open GGUF file; only its metadata is read, it may be closed afterwards
   * @return the tokenizer
   * @throws ModelLoadException if the tokenizer metadata is missing, inconsistent or of an unsupported kind
   */
  public static GgufTokenizer from(GgufFile file) {
    Objects.requireNonNull(file, "file");
    return new GgufTokenizer(new Vocabulary(file));
  }

  @Override
  public int[] encode(String text, boolean addSpecialTokens, boolean parseSpecialTokens) {
    Objects.requireNonNull(text, "text");
    IntList out = new IntList();
    List<Object> fragments = text.isEmpty() ? List.of() : partition(text, parseSpecialTokens);
    switch (vocab.kind) {
      case SPM: {
        boolean prevSpecial = true; // a space prefix goes before the first text and after each special token
        if (addSpecialTokens && vocab.addBos && vocab.bos >= 0) {
          out.add(vocab.bos);
        }
        for (Object f : fragments) {
          if (f instanceof String s) {
            String t = vocab.addSpacePrefix && prevSpecial ? " " + s : s;
            spm.encode(t.replace(' ', '\u2581'), out);
            prevSpecial = false;
          } else {
            out.add((Integer) f);
            prevSpecial = true;
          }
        }
        if (addSpecialTokens && vocab.addEos && vocab.eos >= 0) {
          out.add(vocab.eos);
        }
        break;
      }
      case BPE:
        if (addSpecialTokens && vocab.addBos && vocab.bos >= 0) {
          out.add(vocab.bos);
        }
        for (Object f : fragments) {
          if (f instanceof String s) {
            bpe.encode(s, out);
          } else {
            out.add((Integer) f);
          }
        }
        if (addSpecialTokens && vocab.addEos && vocab.eos >= 0) {
          out.add(vocab.eos);
        }
        break;
      case WPM:
        if (addSpecialTokens && vocab.bos >= 0) {
          out.add(vocab.bos); // [CLS]
        }
        for (Object f : fragments) {
          if (f instanceof String s) {
            wpm.encode(s, out);
          } else {
            out.add((Integer) f);
          }
        }
        if (addSpecialTokens && vocab.sep >= 0) {
          out.add(vocab.sep); // [SEP]
        }
        break;
      default:
        throw new AssertionError(vocab.kind);
    }
    return out.toArray();
  }

  /**
   * Cuts special-token text out of {@code text} (llama.cpp's {@code tokenizer_st_partition}): longest special tokens
   * first, leftmost occurrence first, honouring the LSTRIP/RSTRIP attributes. Returns Strings and Integer ids.
   */
  private List<Object> partition(String text, boolean parseSpecial) {
    List<Object> fragments = new ArrayList<>();
    fragments.add(text);
    for (int id : vocab.specialTokens) {
      if (!parseSpecial && vocab.has(id, Vocabulary.CONTROL | Vocabulary.UNKNOWN)) {
        continue; // user-defined tokens are always matched, as Hugging Face tokenizers do
      }
      String special = vocab.tokens[id];
      List<Object> next = new ArrayList<>(fragments.size() + 2);
      for (Object f : fragments) {
        if (!(f instanceof String s) || !s.contains(special)) {
          next.add(f);
          continue;
        }
        int from = 0;
        while (true) {
          int at = s.indexOf(special, from);
          if (at < 0) {
            if (from < s.length()) {
              next.add(s.substring(from));
            }
            break;
          }
          int leftEnd = at;
          if (vocab.has(id, Vocabulary.LSTRIP)) {
            while (leftEnd > from && isAsciiSpace(s.charAt(leftEnd - 1))) {
              leftEnd--;
            }
          }
          if (leftEnd > from) {
            next.add(s.substring(from, leftEnd));
          }
          next.add(id);
          from = at + special.length();
          if (vocab.has(id, Vocabulary.RSTRIP)) {
            while (from < s.length() && isAsciiSpace(s.charAt(from))) {
              from++;
            }
          }
        }
      }
      fragments = next;
    }
    return fragments;
  }

  private static boolean isAsciiSpace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r'); // C isspace() in the "C" locale
  }

  @Override
  public String decode(int[] tokens) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean first = true;
    for (int t : tokens) {
      byte[] p = piece(t);
      int skip = 0;
      if (first && p.length > 0) {
        skip = vocab.addSpacePrefix && p[0] == ' ' ? 1 : 0;
        first = false;
      }
      out.write(p, skip, p.length - skip);
    }
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }

  @Override
  public int vocabularySize() {
    return vocab.size();
  }

  /**
   * Returns a new decoder for a stream of generated tokens, which emits only complete UTF-8 code points.
   *
   * @param stripLeadingSpace whether to drop the space prefix of the first piece (true when decoding from the start
   *     of a text, false when continuing after a prompt)
   * @return a decoder; not thread-safe, use one per generation
   */
  public StreamingDecoder streamingDecoder(boolean stripLeadingSpace) {
    return new StreamingDecoder(this, stripLeadingSpace && vocab.addSpacePrefix);
  }

  /**
   * Returns a decoder for generated tokens that continue a prompt (no leading-space stripping).
   *
   * @return a decoder; not thread-safe, use one per generation
   */
  public StreamingDecoder streamingDecoder() {
    return streamingDecoder(false);
  }

  /**
   * Returns the bytes a token stands for in decoded text: empty for control and unknown tokens, the raw byte for
   * SentencePiece byte tokens, U+2581 turned into spaces, byte-level BPE characters mapped back to bytes.
   *
   * @param token a token id
   * @return the bytes (a copy)
   * @throws IndexOutOfBoundsException if the id is outside the vocabulary
   */
  public byte[] piece(int token) {
    Objects.checkIndex(token, pieces.length);
    return pieces[token].clone();
  }

  byte[] pieceShared(int token) {
    Objects.checkIndex(token, pieces.length);
    return pieces[token];
  }

  private byte[] piece(int id, boolean special) {
    String text = vocab.tokens[id];
    if (vocab.has(id, Vocabulary.CONTROL | Vocabulary.UNKNOWN)) {
      return special ? text.getBytes(StandardCharsets.UTF_8) : new byte[0];
    }
    if (vocab.has(id, Vocabulary.USER_DEFINED)) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
    switch (vocab.kind) {
      case SPM:
      case WPM:
        if (vocab.has(id, Vocabulary.NORMAL)) {
          return text.replace('\u2581', ' ').getBytes(StandardCharsets.UTF_8);
        }
        if (vocab.has(id, Vocabulary.BYTE) && text.length() == 6 && text.startsWith("<0x")) {
          try {
            return new byte[] {(byte) Integer.parseInt(text.substring(3, 5), 16)};
          } catch (NumberFormatException e) {
            return new byte[0];
          }
        }
        return new byte[0];
      case BPE:
        if (vocab.has(id, Vocabulary.NORMAL)) {
          ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
          ByteLevel.decode(text, out);
          return out.toByteArray();
        }
        return new byte[0];
      default:
        throw new AssertionError(vocab.kind);
    }
  }

  /**
   * Returns a token's text as stored in the vocabulary (e.g. {@code "▁the"}, {@code "Ġthe"}, {@code "<s>"}).
   *
   * @param token a token id
   * @return the text
   * @throws IndexOutOfBoundsException if the id is outside the vocabulary
   */
  public String tokenText(int token) {
    Objects.checkIndex(token, vocab.size());
    return vocab.tokens[token];
  }

  /**
   * Returns the id of a token text, e.g. {@code "<|im_end|>"}.
   *
   * @param text the exact token text
   * @return the id, or -1 when the vocabulary has no such token
   */
  public int tokenId(String text) {
    return vocab.id(text);
  }

  /**
   * Returns the beginning-of-sequence id.
   *
   * @return the id, or -1 when the vocabulary has none
   */
  public int bosId() {
    return vocab.bos;
  }

  /**
   * Returns the end-of-sequence id.
   *
   * @return the id, or -1 when the vocabulary has none
   */
  public int eosId() {
    return vocab.eos;
  }

  /**
   * Returns whether encoding with special tokens prepends BOS ({@code tokenizer.ggml.add_bos_token}).
   *
   * @return the flag
   */
  public boolean addsBos() {
    return vocab.addBos;
  }

  /**
   * Returns the ids that end generation: EOS, EOT/EOM from metadata, and tokens such as {@code <|eot_id|>},
   * {@code <|im_end|>}, {@code <|end|>}, {@code <|endoftext|>} found by name, as llama.cpp does.
   *
   * @return an unmodifiable sorted set
   */
  public Set<Integer> endOfGenerationIds() {
    return vocab.endOfGeneration;
  }

  /**
   * Returns whether a token ends generation.
   *
   * @param token a token id
   * @return {@code true} for an end-of-generation token
   */
  public boolean isEndOfGeneration(int token) {
    return vocab.endOfGeneration.contains(token);
  }

  /**
   * Returns whether a token is a control token (BOS, EOS, chat markers), which decodes to nothing.
   *
   * @param token a token id
   * @return {@code true} for control and unknown tokens
   * @throws IndexOutOfBoundsException if the id is outside the vocabulary
   */
  public boolean isControl(int token) {
    Objects.checkIndex(token, vocab.size());
    return vocab.has(token, Vocabulary.CONTROL | Vocabulary.UNKNOWN);
  }

  @Override
  public String toString() {
    return "GgufTokenizer[" + vocab.kind + (vocab.preTokenizer != null ? "/" + vocab.preTokenizer.name() : "")
        + ", " + vocab.size() + " tokens]";
  }
}
