package io.llmops.guardrails.content;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import io.llmops.guardrail.OutputGuardrail;
import io.llmops.guardrails.internal.ExemplarScorer;
import io.llmops.guardrails.internal.TextNormalizer;
import io.llmops.model.EmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Toxicity in English, French, German and Spanish: a weighted lexicon of insults and threats ({@code
 * toxicity-lexicon.txt}) matched on de-obfuscated text, so "1d10t", "i d i o t" and "ＩＤＩＯＴ" count, and optionally
 * a sentence-encoder score (similarity to toxic vs. civil examples) that catches insults no word list holds. The
 * score is {@code 1 - Π(1 - w)} over lexicon hits, or the encoder's if higher. Thread-safe.
 *
 * @since 0.1.0
 */
public final class ToxicityGuardrail implements InputGuardrail, OutputGuardrail {
  /** A lexicon entry: one word (optionally any ending) or a phrase matched on word boundaries. */
  private record Term(String text, boolean prefix, String squashed, double weight, String name) {
    /**
     * Whether the term occurs in {@code padded}. A one-word term must equal a word (or, with {@code prefix}, start
     * one), a word being a maximal run of letters and numbers ({@code [\\p{L}\\p{N}]}, by code point): it is found
     * in place, at occurrences with no word char before (and, unless a prefix, none after), rather than by
     * splitting the text into words.
     */
    boolean matches(String padded) {
      if (text.indexOf(' ') < 0 && text.indexOf('\'') < 0) {
        if (!allWordChars(text)) {
          return false; // a split word never holds other chars
        }
        for (int i = padded.indexOf(text); i >= 0; i = padded.indexOf(text, i + 1)) {
          int end = i + text.length();
          if ((i == 0 || !isWordChar(padded.codePointBefore(i)))
              && (prefix || end == padded.length() || !isWordChar(padded.codePointAt(end)))) {
            return true;
          }
        }
        return false;
      }
      for (int i = padded.indexOf(text); i >= 0; i = padded.indexOf(text, i + 1)) {
        int end = i + text.length();
        if (!Character.isLetterOrDigit(padded.charAt(i - 1)) && (end >= padded.length()
            || !Character.isLetterOrDigit(padded.charAt(end)) || prefix)) {
          return true;
        }
      }
      return false;
    }
  }

  private static final Pattern SPACED_RUN =
      Pattern.compile("(?<![\\p{L}\\p{N}])(?:[\\p{L}\\p{N}@$][ ._*-]{1,3}){3,}[\\p{L}\\p{N}](?![\\p{L}\\p{N}])");

  private static final List<Term> LEXICON = load();
  private final double threshold;
  private final GuardrailAction action;
  private final ExemplarScorer encoder;

  private ToxicityGuardrail(double threshold, GuardrailAction action, ExemplarScorer encoder) {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
    }
    this.threshold = threshold;
    this.action = Objects.requireNonNull(action, "action");
    this.encoder = encoder;
  }

  /**
   * Returns a lexicon-only rail.
   *
   * @param threshold the score at or above which text is toxic
   * @param action what to do
   * @return the rail
   */
  public static ToxicityGuardrail lexicon(double threshold, GuardrailAction action) {
    return new ToxicityGuardrail(threshold, action, null);
  }

  /**
   * Returns a rail that adds a sentence-encoder score to the lexicon, from built-in toxic and civil examples.
   *
   * @param encoder the sentence encoder (e.g. all-MiniLM-L6-v2)
   * @param threshold the score at or above which text is toxic
   * @param action what to do
   * @return the rail
   */
  public static ToxicityGuardrail withEncoder(EmbeddingModel encoder, double threshold, GuardrailAction action) {
    List<String> toxic = List.of("You are a worthless idiot and everyone hates you.",
        "Shut up, nobody cares about your stupid opinion.", "I hope something terrible happens to you.",
        "You people are disgusting vermin.", "Go away, you pathetic loser.", "Tu es vraiment un abruti fini.",
        "Du bist so ein dummer Idiot.", "Eres un inútil y un estúpido.");
    List<String> civil = List.of("Thanks for your help, that solved my problem.",
        "I disagree with your opinion, but I see your point.", "The delivery was late and I am disappointed.",
        "Can you explain how the refund works?", "This product is terrible quality, I want a refund.",
        "Merci pour votre réponse rapide.", "Das Paket ist leider beschädigt angekommen.",
        "No estoy de acuerdo con la factura.");
    return new ToxicityGuardrail(threshold, action, new ExemplarScorer(encoder, toxic, civil, 2, 25, 0.05));
  }

  @Override
  public String name() {
    return "toxicity";
  }

  /**
   * Returns the toxicity score of a text.
   *
   * @param text the text
   * @return a score in [0, 1]
   */
  public double score(String text) {
    return scoreWithRules(text, new ArrayList<>());
  }

  private double scoreWithRules(String text, List<String> matched) {
    String t = " " + TextNormalizer.deobfuscate(text) + " ";

    double keep = 1;
    for (Term term : LEXICON) {
      if (term.matches(t)) {
        keep *= 1 - term.weight;
        matched.add(term.name);
      }
    }
    // Letters spaced out across word gaps ("y o u  a r e  a n  i d i o t") fold into one run; look inside it.
    // Tried only where a lone letter is followed by a separator (see Scan).
    String folded = TextNormalizer.fold(text);
    Matcher runs = Scan.matcher(SPACED_RUN, folded);
    Offsets runStarts = new Offsets(16);
    for (int i = 0; i < folded.length(); i++) {
      if (spacedRunStart(folded, i)) {
        runStarts.add(i);
      }
    }
    for (int from = 0; Scan.findAt(runs, runStarts, from, folded.length()); from = Scan.next(runs)) {
      String squashed = " " + TextNormalizer.deobfuscate(runs.group().replaceAll("[^\\p{L}\\p{N}]", "")) + " ";
      for (Term term : LEXICON) {
        if (term.squashed.length() >= 4 && squashed.contains(term.squashed) && !matched.contains(term.name)) {
          keep *= 1 - term.weight;
          matched.add(term.name);
        }
      }
    }
    double s = 1 - keep;
    if (encoder != null) {
      double e = encoder.score(text);
      if (e > s) {
        s = e;
        matched.add("encoder");
      }
    }
    return s;
  }

  private static boolean allWordChars(String w) {
    return w.codePoints().allMatch(ToxicityGuardrail::isWordChar);
  }

  /** {@code [\\p{L}\\p{N}]}: a letter or a number of any kind (digit, letter number, other number). */
  private static boolean isWordChar(int cp) {
    return Character.isLetter(cp) || isNumber(cp);
  }

  private static boolean isNumber(int cp) {
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  private static boolean spacedRunStart(String s, int i) {
    return i + 1 < s.length() && " ._*-".indexOf(s.charAt(i + 1)) >= 0
        && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)));
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    List<String> matched = new ArrayList<>();
    double s = scoreWithRules(text, matched);
    if (s < threshold) {
      return GuardrailResult.pass(name());
    }
    GuardrailAction a = action == GuardrailAction.REDACT ? GuardrailAction.BLOCK : action;
    List<Finding> f = List.of(new Finding("TOXICITY", -1, -1, s, a, String.join(",", matched)));
    return Rails.verdict(name(), a, "toxic content", f, null);
  }

  private static List<Term> load() {
    List<Term> out = new ArrayList<>();
    try (InputStream in = ToxicityGuardrail.class.getResourceAsStream("toxicity-lexicon.txt")) {
      if (in == null) {
        throw new IllegalStateException("resource io/llmops/guardrails/content/toxicity-lexicon.txt is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int n = 0;
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        String term = TextNormalizer.fold(f[1].strip());
        boolean prefix = term.endsWith("*");
        String body = prefix ? term.substring(0, term.length() - 1) : term;
        out.add(new Term(body, prefix, body.replaceAll("[^\\p{L}\\p{N}]", ""), Double.parseDouble(f[0]),
            "lexicon#" + n++));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the toxicity lexicon", e);
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return "ToxicityGuardrail{threshold=" + threshold + ", encoder=" + (encoder != null) + ", " + action + '}';
  }
}
