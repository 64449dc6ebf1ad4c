package io.llmops.guardrails.content;

import io.llmops.guardrails.internal.TextNormalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The short-text fallback of {@link LanguageGuardrail}: the writing system decides for non-Latin scripts (Cyrillic →
 * ru, Greek → el, Arabic → ar, Hebrew → he, Han/Kana → zh/ja, Hangul → ko, Devanagari → hi, Thai → th); for Latin
 * script, counts of each language's most frequent function words (en, fr, de, es, it, pt, nl), at least two hits.
 * Texts under four words in Latin script are not judged. Stateless and thread-safe.
 */
final class StopWordLanguageDetector {
  private static final Map<String, Set<String>> STOPWORDS = Map.of(
      "en", Set.of("the", "and", "is", "are", "to", "of", "in", "that", "it", "you", "for", "with", "this", "have",
          "was", "what", "my", "can", "do", "not", "on", "be", "how", "i", "please"),
      "fr", Set.of("le", "la", "les", "et", "est", "des", "un", "une", "que", "qui", "pour", "dans", "pas", "je",
          "vous", "ce", "avec", "sur", "mon", "ma", "mes", "il", "au", "du", "ne", "comment", "merci"),
      "de", Set.of("der", "die", "das", "und", "ist", "nicht", "ich", "sie", "es", "ein", "eine", "zu", "mit",
          "auf", "fur", "den", "dem", "von", "mein", "meine", "wie", "bitte", "habe", "wir"),
      "es", Set.of("el", "los", "las", "y", "es", "que", "de", "un", "una", "por", "para", "con", "no", "mi",
          "se", "del", "lo", "como", "pero", "esta", "tengo", "gracias", "yo", "su"),
      "it", Set.of("il", "lo", "gli", "e", "che", "di", "non", "un", "una", "per", "con", "sono", "mio", "della",
          "questo", "come", "ho", "grazie", "io"),
      "pt", Set.of("o", "os", "as", "e", "que", "de", "um", "uma", "para", "com", "nao", "meu", "minha", "do",
          "da", "como", "obrigado", "eu", "voce"),
      "nl", Set.of("de", "het", "een", "en", "is", "niet", "ik", "van", "dat", "op", "met", "voor", "mijn", "zijn",
          "hoe", "wat", "bedankt", "je"));

  private StopWordLanguageDetector() {}

  /**
   * Detects the language of a text.
   *
   * @param text the text
   * @return an ISO 639-1 code, or {@code "und"} when undetermined
   */
  static String detect(String text) {
    Map<Character.UnicodeScript, Integer> scripts = new HashMap<>();
    text.codePoints().filter(Character::isLetter)
        .forEach(cp -> scripts.merge(Character.UnicodeScript.of(cp), 1, Integer::sum));
    Character.UnicodeScript top = scripts.entrySet().stream().max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey).orElse(Character.UnicodeScript.COMMON);
    switch (top) {
      case CYRILLIC: return "ru";
      case GREEK: return "el";
      case ARABIC: return "ar";
      case HEBREW: return "he";
      case HANGUL: return "ko";
      case HIRAGANA: case KATAKANA: return "ja";
      case HAN: return scripts.containsKey(Character.UnicodeScript.HIRAGANA) ? "ja" : "zh";
      case DEVANAGARI: return "hi";
      case THAI: return "th";
      case LATIN: break;
      default: return "und";
    }
    List<String> words = List.of(TextNormalizer.fold(text).split("[^\\p{L}']+"));
    if (words.size() < 4) {
      return "und";
    }
    String best = "und";
    int bestHits = 0;
    for (Map.Entry<String, Set<String>> e : STOPWORDS.entrySet()) {
      int hits = 0;
      for (String w : words) {
        if (e.getValue().contains(w)) {
          hits++;
        }
      }
      if (hits > bestHits || hits == bestHits && hits > 0 && e.getKey().compareTo(best) < 0) {
        best = e.getKey();
        bestHits = hits;
      }
    }
    return bestHits >= 2 ? best : "und";
  }
}
