package io.llmops.runtime.cpu.tokenizer;

import io.llmops.ModelLoadException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text into words before byte-level BPE, with the regex sequence llama.cpp uses for each {@code
 * tokenizer.ggml.pre} value ({@code llm_tokenizer_bpe} in {@code llama-vocab.cpp}).
 *
 * <p>Semantics follow llama.cpp's {@code unicode_regex_split}: each regex in turn splits every current fragment into
 * its matches <em>and</em> the unmatched gaps between them (both kept, in order), matching inside the fragment only
 * (so {@code $} and look-ahead stop at the fragment's end). {@code \s} means the Unicode {@code White_Space} set.
 * Regexes without a {@code \p{..}} class run on text whose non-ASCII whitespace is replaced by U+000B, as llama.cpp's
 * {@code std::wregex} path does, so that literal ranges covering U+3000..U+3002 do not match U+3000. Immutable and
 * thread-safe.
 */
final class PreTokenizer {
  private static final String GPT2 =
      "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
  private static final String LLAMA3 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"
      + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
  private static final String QWEN2 = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])"
      + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
  private static final String CJK = "[\\x{4E00}-\\x{9FA5}\\x{800}-\\x{4E00}\\x{AC00}-\\x{D7FF}]+";

  private final String name;
  private final Pattern[] patterns;
  private final boolean[] wide;

  private PreTokenizer(String name, List<String> regexes) {
    this.name = name;
    this.patterns = new Pattern[regexes.size()];
    this.wide = new boolean[regexes.size()];
    for (int i = 0; i < regexes.size(); i++) {
      String r = regexes.get(i);
      wide[i] = !r.contains("\\p{");
      patterns[i] = Pattern.compile(translate(r));
    }
  }

  /**
   * Returns the pre-tokenizer for a {@code tokenizer.ggml.pre} value (absent or {@code "default"}: llama.cpp's
   * default).
   *
   * @throws ModelLoadException for a value llama.cpp does not know either
   */
  static PreTokenizer forName(String pre) {
    String p = pre == null || pre.isEmpty() ? "default" : pre;
    switch (p) {
      case "default":
        return new PreTokenizer(p, List.of("[\\p{P}\\$\\+<=>\\^~\\|]+", GPT2, "\\p{N}+", "[0-9][0-9][0-9]"));
      case "llama3": case "llama-v3": case "llama-bpe": case "falcon3": case "dbrx": case "smaug-bpe":
      case "chatglm-bpe":
        return new PreTokenizer(p, List.of(LLAMA3));
      case "deepseek-llm":
        return new PreTokenizer(p, List.of("[\r\n]",
            "\\s?["
            + "A-Za-z\\x{B5}\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{1BA}\\x{1BC}-\\x{1BF}\\x{1C4}-"
            + "\\x{293}\\x{295}-\\x{2AF}\\x{370}-\\x{373}\\x{376}\\x{377}\\x{37B}-\\x{37D}\\x{37F}"
            + "\\x{386}\\x{388}-\\x{38A}\\x{38C}\\x{38E}-\\x{3A1}\\x{3A3}-\\x{3F5}\\x{3F7}-\\x{481}"
            + "\\x{48A}-\\x{52F}\\x{531}-\\x{556}\\x{10A0}-\\x{10C5}\\x{13A0}-\\x{13F5}\\x{13F8}-"
            + "\\x{13FD}\\x{1C90}-\\x{1CBA}\\x{1CBD}-\\x{1CBF}\\x{1D00}-\\x{1D2B}\\x{1D6B}-\\x{1D77}"
            + "\\x{1D79}-\\x{1D9A}\\x{1E00}-\\x{1F15}\\x{1F18}-\\x{1F1D}\\x{1F20}-\\x{1F45}\\x{1F48}-"
            + "\\x{1F4D}\\x{1F50}-\\x{1F57}\\x{1F59}\\x{1F5B}\\x{1F5D}\\x{1F5F}-\\x{1F7D}\\x{1F80}-"
            + "\\x{1FB4}\\x{1FB6}-\\x{1FBC}\\x{1FBE}\\x{1FC2}-\\x{1FC4}\\x{1FC6}-\\x{1FCC}\\x{1FD0}-"
            + "\\x{1FD3}\\x{1FD6}-\\x{1FDB}\\x{1FE0}-\\x{1FEC}\\x{1FF2}-\\x{1FF4}\\x{1FF6}-\\x{1FFC}"
            + "\\x{2102}\\x{2107}\\x{210A}-\\x{2113}\\x{2115}\\x{2119}-\\x{211D}\\x{2124}\\x{2126}"
            + "\\x{2128}\\x{212A}-\\x{212D}\\x{212F}-\\x{2134}\\x{2139}\\x{213C}-\\x{213F}\\x{2145}-"
            + "\\x{2149}\\x{214E}\\x{2183}\\x{2184}\\x{2C00}-\\x{2C7B}\\x{2C7E}-\\x{2CE4}\\x{2CEB}-"
            + "\\x{2CEE}\\x{2CF2}\\x{2CF3}\\x{A640}-\\x{A66D}\\x{A680}-\\x{A69B}\\x{A722}-\\x{A76F}"
            + "\\x{A771}-\\x{A787}\\x{A78B}-\\x{A78E}\\x{AB70}-\\x{ABBF}\\x{FB00}-\\x{FB06}\\x{FB13}-"
            + "\\x{FB17}\\x{FF21}-\\x{FF3A}\\x{FF41}-\\x{FF5A}\\x{10400}-\\x{1044F}\\x{104B0}-\\x{104D3}"
            + "\\x{104D8}-\\x{104FB}\\x{10C80}-\\x{10CB2}\\x{10CC0}-\\x{10CF2}\\x{118A0}-\\x{118DF}"
            + "\\x{1E900}-\\x{1E943}" + "]+",
            "\\s?[!-/:-~\\x{FF01}-\\x{FF0F}\\x{FF1A}-\\x{FF5E}\\x{2018}-\\x{201F}\\x{3000}-\\x{3002}]+", "\\s+$", CJK, "\\p{N}+"));
      case "deepseek-v3":
        return new PreTokenizer(p, List.of("\\p{N}{1,3}", "[\\x{4E00}-\\x{9FA5}\\x{3040}-\\x{309F}\\x{30A0}-\\x{30FF}]+",
            "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+"
                + "| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+"));
      case "deepseek-coder":
        return new PreTokenizer(p, List.of("[\r\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", CJK, "\\p{N}"));
      case "falcon":
        return new PreTokenizer(p, List.of("[\\p{P}\\$\\+<=>\\^~\\|`]+", GPT2, "[0-9][0-9][0-9]"));
      case "starcoder": case "refact": case "command-r": case "smollm": case "codeshell": case "exaone":
      case "minerva-7b":
        return new PreTokenizer(p, List.of("\\p{N}", GPT2));
      case "gpt-2": case "phi-2": case "jina-es": case "jina-de": case "gigachat": case "jina-v1-en":
      case "jina-v2-es": case "jina-v2-de": case "jina-v2-code": case "roberta-bpe": case "mpt": case "olmo":
      case "jais":
        return new PreTokenizer(p, List.of(GPT2));
      case "qwen2": case "stablelm2": case "megrez":
        return new PreTokenizer(p, List.of(QWEN2));
      case "poro-chat": case "bloom": case "gpt3-finnish":
        return new PreTokenizer(p, List.of(" ?[^(\\s|.,!?\\x{2026}\\x{3002}\\x{FF0C}\\x{3001}\\x{964}\\x{6D4}\\x{60C})]+"));
      case "viking":
        return new PreTokenizer(p, List.of(" ?[^(\\s|.,!?\\x{2026}\\x{3002}\\x{FF0C}\\x{3001}\\x{964}\\x{6D4}\\x{60C})]+", "\\p{N}"));
      default:
        throw new ModelLoadException("tokenizer.ggml.pre: unknown pre-tokenizer type '" + pre + "'",
            "tokenizer.ggml.pre", -1, null);
    }
  }

  /** Rewrites llama.cpp regex syntax for {@link Pattern}: {@code \s}/{@code \S} become explicit classes. */
  static String translate(String regex) {
    StringBuilder sb = new StringBuilder(regex.length() + 64);
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        char n = regex.charAt(i + 1);
        if (n == 's') {
          sb.append(inClass ? Unicode.WHITESPACE_CLASS : "[" + Unicode.WHITESPACE_CLASS + "]");
        } else if (n == 'S' && !inClass) {
          sb.append("[^").append(Unicode.WHITESPACE_CLASS).append(']');
        } else {
          sb.append(c).append(n);
        }
        i++;
        continue;
      }
      if (c == '[' && !inClass) {
        inClass = true;
      } else if (c == ']' && inClass) {
        inClass = false;
      } else if (c == '$' && !inClass) {
        sb.append("\\z"); // ECMAScript '$' without multiline: end of input only
        continue;
      }
      sb.append(c);
    }
    return sb.toString();
  }

  String name() {
    return name;
  }

  /** Splits text into words (never empty strings). */
  List<String> split(String text) {
    List<int[]> fragments = new ArrayList<>();
    fragments.add(new int[] {0, text.length()});
    String wideText = null;
    for (int k = 0; k < patterns.length; k++) {
      String subject = text;
      if (wide[k]) {
        if (wideText == null) {
          wideText = replaceNonAsciiWhitespace(text);
        }
        subject = wideText;
      }
      Matcher m = patterns[k].matcher(subject);
      List<int[]> next = new ArrayList<>(fragments.size() * 2);
      for (int[] f : fragments) {
        int start = f[0];
        int end = f[1];
        m.region(start, end);
        int last = start;
        while (m.find()) {
          if (m.end() == m.start()) {
            continue; // no llama.cpp regex matches empty; guard against endless loops anyway
          }
          if (m.start() > last) {
            next.add(new int[] {last, m.start()});
          }
          next.add(new int[] {m.start(), m.end()});
          last = m.end();
        }
        if (last < end) {
          next.add(new int[] {last, end});
        }
      }
      fragments = next;
    }
    List<String> words = new ArrayList<>(fragments.size());
    for (int[] f : fragments) {
      words.add(text.substring(f[0], f[1]));
    }
    return words;
  }

  private static String replaceNonAsciiWhitespace(String text) {
    char[] cs = text.toCharArray();
    for (int i = 0; i < cs.length; i++) {
      if (cs[i] > 0x7F && Unicode.isWhitespace(cs[i])) {
        cs[i] = 0x0B;
      }
    }
    return new String(cs);
  }

  @Override
  public String toString() {
    return "PreTokenizer[" + name.toLowerCase(Locale.ROOT) + "]";
  }
}
