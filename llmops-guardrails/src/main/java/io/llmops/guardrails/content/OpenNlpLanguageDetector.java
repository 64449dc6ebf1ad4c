package io.llmops.guardrails.content;

import io.llmops.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Apache OpenNLP's language detector with its published model ({@code langdetect-183.bin}, 103 languages, from the
 * {@code org.apache.opennlp:opennlp-models-langdetect} jar): a maximum-entropy classifier over character 1–3-grams.
 *
 * <p>Design note. The model is 10 MB and takes about a second (three under load) to read, so it is loaded once, on
 * first use, by a holder class. Its cost grows with the text (each n-gram is scored against every language: about
 * 1 ms per 256 chars on one core, several ms for a 2 KB prompt), so a long text is judged on a sample: its first
 * {@link #HEAD} and last {@link #TAIL} chars, which covers a prompt that switches language at the end. The model's
 * probabilities are spread over 103 classes (a clear English sentence gets about 0.07, the runner-up 0.03), so the
 * decision uses the ratio of the two best: under {@link #MIN_RATIO} the text is undetermined. Thread-safe: {@link
 * LanguageDetectorME} keeps no per-call state.
 */
final class OpenNlpLanguageDetector {
  static final String MODEL_RESOURCE = "/langdetect-183.bin";
  static final int HEAD = 256;
  static final int TAIL = 128;
  static final double MIN_RATIO = 1.25;
  /** ISO 639-3 (OpenNLP) to ISO 639-1 where one exists, from the JDK's locale table plus macrolanguage members. */
  private static final Map<String, String> ISO1 = iso1Codes();

  private OpenNlpLanguageDetector() {}

  /** The model, read on first use. */
  private static final class Holder {
    static final LanguageDetectorME DETECTOR = load();
  }

  private static LanguageDetectorME load() {
    try (InputStream in = OpenNlpLanguageDetector.class.getResourceAsStream(MODEL_RESOURCE)) {
      if (in == null) {
        throw new ModelLoadException("OpenNLP language model " + MODEL_RESOURCE + " is not on the classpath "
            + "(org.apache.opennlp:opennlp-models-langdetect)");
      }
      return new LanguageDetectorME(new LanguageDetectorModel(in));
    } catch (IOException e) {
      throw new ModelLoadException("cannot read the OpenNLP language model " + MODEL_RESOURCE, e);
    }
  }

  /**
   * Detects the language of a text.
   *
   * @param text the text
   * @return an ISO 639-1 code (ISO 639-3 for languages without one), or {@code "und"} when the model hesitates
   * @throws ModelLoadException if the model cannot be loaded
   */
  static String detect(String text) {
    CharSequence sample = text.length() <= HEAD + TAIL ? text
        : new StringBuilder(HEAD + TAIL + 1).append(text, 0, HEAD).append(' ')
            .append(text, text.length() - TAIL, text.length());
    Language[] ranked = Holder.DETECTOR.predictLanguages(sample);
    if (ranked.length == 0) {
      return "und";
    }
    if (ranked.length > 1 && ranked[0].getConfidence() < MIN_RATIO * ranked[1].getConfidence()) {
      return "und";
    }
    return iso1(ranked[0].getLang());
  }

  /**
   * Returns the ISO 639-1 code for an ISO 639-3 one, or the code itself when there is none.
   *
   * @param iso3 e.g. {@code "deu"}
   * @return e.g. {@code "de"}
   */
  static String iso1(String iso3) {
    return ISO1.getOrDefault(iso3, iso3);
  }

  private static Map<String, String> iso1Codes() {
    Map<String, String> m = new HashMap<>();
    for (String two : Locale.getISOLanguages()) {
      try {
        m.put(Locale.forLanguageTag(two).getISO3Language(), two);
      } catch (java.util.MissingResourceException e) {
        // no three-letter code known to the JDK: nothing to map
      }
    }
    // Individual languages OpenNLP names inside a macrolanguage that has a two-letter code.
    m.put("cmn", "zh"); // Mandarin Chinese
    m.put("pes", "fa"); // Iranian Persian
    m.put("ekk", "et"); // Standard Estonian
    m.put("lvs", "lv"); // Standard Latvian
    m.put("plt", "mg"); // Plateau Malagasy
    m.put("zsm", "ms"); // Standard Malay
    return Map.copyOf(m);
  }
}
