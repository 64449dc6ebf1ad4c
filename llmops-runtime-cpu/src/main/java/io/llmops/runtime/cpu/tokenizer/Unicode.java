package io.llmops.runtime.cpu.tokenizer;

/**
 * Code point classification as llama.cpp's {@code unicode.cpp} does it: general categories collapsed to letter,
 * number, punctuation, symbol, accent mark, separator and control, plus a separate whitespace set (the Unicode
 * {@code White_Space} property, which is what llama.cpp's table holds: no U+001C..U+001F). Stateless.
 */
final class Unicode {
  private Unicode() {}

  /** Whether llama.cpp treats the code point as whitespace ({@code \s} in its pre-tokenizer regexes). */
  static boolean isWhitespace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
        || cp == 0x3000;
  }

  /** The same set as a regex character-class body (without brackets). */
  static final String WHITESPACE_CLASS =
      "\\t\\n\\x0B\\f\\r \\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";

  static boolean isLetter(int cp) {
    return Character.isLetter(cp);
  }

  static boolean isPunctuation(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONNECTOR_PUNCTUATION: case Character.DASH_PUNCTUATION: case Character.START_PUNCTUATION:
      case Character.END_PUNCTUATION: case Character.INITIAL_QUOTE_PUNCTUATION:
      case Character.FINAL_QUOTE_PUNCTUATION: case Character.OTHER_PUNCTUATION:
        return true;
      default:
        return false;
    }
  }

  static boolean isSymbol(int cp) {
    switch (Character.getType(cp)) {
      case Character.MATH_SYMBOL: case Character.CURRENCY_SYMBOL: case Character.MODIFIER_SYMBOL:
      case Character.OTHER_SYMBOL:
        return true;
      default:
        return false;
    }
  }

  /** Category C except unassigned: Cc, Cf, Co, Cs. */
  static boolean isControl(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL: case Character.FORMAT: case Character.PRIVATE_USE: case Character.SURROGATE:
        return true;
      default:
        return false;
    }
  }
}
