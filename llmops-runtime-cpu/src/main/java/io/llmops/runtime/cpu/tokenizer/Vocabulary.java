package io.llmops.runtime.cpu.tokenizer;

import io.llmops.ModelLoadException;
import io.llmops.runtime.cpu.gguf.GgufFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A tokenizer vocabulary read from GGUF metadata ({@code tokenizer.ggml.*}), with token attributes and special ids
 * resolved the way llama.cpp's {@code llama_vocab::impl::load} does (defaults per model, ids from metadata, control
 * tokens detected by name, special-token cache sorted longest first). Immutable and thread-safe.
 */
final class Vocabulary {
  // Token attributes (llama_token_attr), a bit set.
  static final int UNDEFINED = 0;
  static final int UNKNOWN = 1 << 0;
  static final int UNUSED = 1 << 1;
  static final int NORMAL = 1 << 2;
  static final int CONTROL = 1 << 3;
  static final int USER_DEFINED = 1 << 4;
  static final int BYTE = 1 << 5;
  static final int LSTRIP = 1 << 7;
  static final int RSTRIP = 1 << 8;

  enum Kind { SPM, BPE, WPM }

  final Kind kind;
  final String[] tokens;
  final float[] scores;
  final int[] attrs;
  final Map<String, Integer> ids;
  final Map<String, Integer> mergeRanks;
  final int bos;
  final int eos;
  final int unk;
  final int sep;
  final boolean addBos;
  final boolean addEos;
  final boolean addSpacePrefix;
  final int maxTokenLength;
  final int[] specialTokens;
  final Set<Integer> endOfGeneration;
  final PreTokenizer preTokenizer;
  final boolean ignoreMerges;

  private static final List<String> CONTROL_BY_NAME = List.of("<|eot_id|>", "<|im_end|>", "<|end|>",
      "<end_of_turn>", "<|endoftext|>", "<EOT>", "<｜end▁of▁sentence｜>", "<|eom_id|>", "<|fim_prefix|>",
      "<fim-prefix>", "<｜fim▁begin｜>", "<PRE>", "<|fim_suffix|>", "<fim-suffix>", "<｜fim▁hole｜>", "<SUF>",
      "<|fim_middle|>", "<fim-middle>", "<｜fim▁end｜>", "<MID>", "<|fim_pad|>", "<fim-pad>", "<PAD>",
      "<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<|file_sep|>");
  private static final List<String> EOG_BY_NAME = List.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>",
      "<|endoftext|>", "<|eom_id|>", "<EOT>");

  Vocabulary(GgufFile f) {
    String model = f.getString("tokenizer.ggml.model");
    String pre = f.optionalString("tokenizer.ggml.pre").orElse("");
    int defBos;
    int defEos;
    int defUnk;
    int defSep = -1;
    boolean spacePrefix = false;
    boolean bosFlag = false;
    boolean eosFlag = false;
    boolean noMerges = false;
    switch (model) {
      case "llama":
        kind = Kind.SPM;
        defBos = 1;
        defEos = 2;
        defUnk = 0;
        spacePrefix = true;
        bosFlag = true;
        break;
      case "bert":
        kind = Kind.WPM;
        defBos = 101;
        defEos = -1;
        defUnk = 100;
        defSep = 102;
        bosFlag = true;
        break;
      case "gpt2":
        kind = Kind.BPE;
        defBos = 11;
        defEos = 11;
        defUnk = -1;
        if (Set.of("llama3", "llama-v3", "llama-bpe", "falcon3", "tekken", "chameleon").contains(pre)) {
          bosFlag = true;
          noMerges = !pre.equals("chameleon");
        }
        break;
      default:
        throw new ModelLoadException("tokenizer.ggml.model: unsupported tokenizer '" + model
            + "' (supported: llama, gpt2, bert)", "tokenizer.ggml.model", -1, null);
    }
    this.ignoreMerges = noMerges;
    this.preTokenizer = kind == Kind.BPE ? PreTokenizer.forName(pre) : null;
    this.addSpacePrefix = f.getBoolean("tokenizer.ggml.add_space_prefix", spacePrefix);

    String[] toks = f.getStringArray("tokenizer.ggml.tokens");
    int n = toks.length;
    if (n == 0) {
      throw new ModelLoadException("tokenizer.ggml.tokens: empty vocabulary", "tokenizer.ggml.tokens", -1, null);
    }
    float[] sc = f.has("tokenizer.ggml.scores") ? f.getFloatArray("tokenizer.ggml.scores") : new float[n];
    int[] types = f.has("tokenizer.ggml.token_type") ? f.getIntArray("tokenizer.ggml.token_type") : null;
    if (sc.length != n || (types != null && types.length != n)) {
      throw new ModelLoadException("tokenizer.ggml.scores/token_type: length differs from the " + n + " tokens",
          "tokenizer.ggml.token_type", -1, null);
    }
    this.tokens = toks;
    this.scores = sc;
    this.attrs = new int[n];
    this.ids = new HashMap<>(n * 2);
    int maxLen = 0;
    for (int i = 0; i < n; i++) {
      if (toks[i].isEmpty()) {
        toks[i] = "[EMPTY_" + i + "]"; // as llama.cpp, so that the text-to-id map stays one-to-one
      }
      ids.put(toks[i], i);
      maxLen = Math.max(maxLen, utf8Length(toks[i]));
      attrs[i] = types == null ? NORMAL : attrOfType(types[i]);
    }
    this.maxTokenLength = maxLen;

    if (kind == Kind.BPE) {
      String[] merges = f.getStringArray("tokenizer.ggml.merges");
      mergeRanks = new HashMap<>(merges.length * 2);
      for (int i = 0; i < merges.length; i++) {
        // llama.cpp splits at the first space after index 0 and keeps the first rank of a duplicate pair.
        int sp = merges[i].indexOf(' ', 1);
        String key = sp < 0 ? " " : merges[i];
        mergeRanks.putIfAbsent(key, i);
      }
    } else {
      mergeRanks = Map.of();
    }

    this.bos = specialId(f, "tokenizer.ggml.bos_token_id", defBos, n);
    this.eos = specialId(f, "tokenizer.ggml.eos_token_id", defEos, n);
    this.unk = specialId(f, "tokenizer.ggml.unknown_token_id", defUnk, n);
    this.sep = specialId(f, "tokenizer.ggml.seperator_token_id", defSep, n);
    this.addBos = f.getBoolean("tokenizer.ggml.add_bos_token", bosFlag);
    this.addEos = f.getBoolean("tokenizer.ggml.add_eos_token", eosFlag);

    // Tokens that llama.cpp treats as control by their text, whatever the file says.
    for (int i = 0; i < n; i++) {
      if (CONTROL_BY_NAME.contains(toks[i]) && ids.get(toks[i]) == i) {
        attrs[i] = CONTROL;
      }
    }
    java.util.TreeSet<Integer> eog = new java.util.TreeSet<>();
    for (String name : EOG_BY_NAME) {
      Integer id = ids.get(name);
      if (id != null) {
        eog.add(id);
      }
    }
    if (eos >= 0) {
      eog.add(eos);
    }
    for (String key : List.of("tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id")) {
      int id = specialId(f, key, -1, n);
      if (id >= 0) {
        eog.add(id);
      }
    }
    this.endOfGeneration = java.util.Collections.unmodifiableSet(eog);

    List<Integer> special = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if ((attrs[i] & (CONTROL | USER_DEFINED | UNKNOWN)) != 0) {
        special.add(i);
      }
    }
    special.sort(Comparator.comparingInt((Integer i) -> utf8Length(toks[i])).reversed());
    this.specialTokens = special.stream().mapToInt(Integer::intValue).toArray();

    // Per-model token attributes llama.cpp sets by name (they are not stored in GGUF).
    String modelName = f.optionalString("general.name").orElse("").toLowerCase(Locale.ROOT);
    if (pre.contains("jina-v2-de") || pre.contains("jina-v2-es") || pre.contains("jina-v2-code")) {
      Integer mask = ids.get("<mask>");
      if (mask != null) {
        attrs[mask] |= LSTRIP;
      }
    } else if (modelName.contains("phi-3") || modelName.contains("phi3")) {
      for (int id : specialTokens) {
        attrs[id] |= RSTRIP;
      }
      setFlag("</s>", RSTRIP, true);
      for (String t : List.of("<unk>", "<s>", "<|endoftext|>")) {
        setFlag(t, RSTRIP, false);
      }
    }
  }

  private void setFlag(String token, int flag, boolean on) {
    Integer id = ids.get(token);
    if (id != null) {
      attrs[id] = on ? attrs[id] | flag : attrs[id] & ~flag;
    }
  }

  private static int specialId(GgufFile f, String key, int def, int n) {
    if (!f.has(key)) {
      return def;
    }
    long v = f.getLong(key);
    // llama.cpp ignores out-of-range ids (e.g. 0xFFFFFFFF for "none") and keeps the default.
    return v >= 0 && v < n ? (int) v : def;
  }

  private static int attrOfType(int type) {
    switch (type) {
      case 1: return NORMAL;
      case 2: return UNKNOWN;
      case 3: return CONTROL;
      case 4: return USER_DEFINED;
      case 5: return UNUSED;
      case 6: return BYTE;
      default: return UNDEFINED;
    }
  }

  static int utf8Length(String s) {
    int len = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        len++;
      } else if (c < 0x800) {
        len += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        len += 4;
        i++;
      } else {
        len += 3;
      }
    }
    return len;
  }

  int size() {
    return tokens.length;
  }

  /** The id of a token text, or -1. */
  int id(String text) {
    Integer id = ids.get(text);
    return id == null ? -1 : id;
  }

  boolean has(int id, int attr) {
    return (attrs[id] & attr) != 0;
  }

  /** SPM byte fallback: {@code <0xXX>}, else the byte as a one-character token (llama.cpp's byte_to_token). */
  int byteToken(int b) {
    int id = id(String.format(Locale.ROOT, "<0x%02X>", b));
    if (id >= 0) {
      return id;
    }
    return b < 0x80 ? id(String.valueOf((char) b)) : -1;
  }
}
