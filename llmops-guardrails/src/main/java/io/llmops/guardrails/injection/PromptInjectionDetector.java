package io.llmops.guardrails.injection;

import io.llmops.guardrails.internal.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores a prompt for injection and jailbreak attempts.
 *
 * <p>Design note. The text is scanned as written (folded: case, accents, compatibility forms, invisible characters),
 * de-obfuscated (leetspeak, spaced letters), and through what it hides: Unicode tag characters and base64 or hex
 * payloads are decoded and rescanned (two levels deep). Each rule family contributes its weight once; the rule
 * score is {@code 1 - Π(1 - w)}, so independent signals add up without exceeding 1. An optional {@link
 * InjectionClassifier} (e.g. {@link EncoderInjectionClassifier} on a sentence encoder) catches paraphrases no rule
 * names; the final score is the larger of the two. Hidden text itself is a signal: tag characters carry weight 0.6.
 *
 * <p>Thread-safe and immutable.
 *
 * @since 0.1.0
 */
public final class PromptInjectionDetector {
  /** The default threshold: the score from one strong rule (0.75 and above) or two medium ones. */
  public static final double DEFAULT_THRESHOLD = 0.5;
  private static final Pattern BASE64 = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])");
  private static final Pattern HEX = Pattern.compile("(?i)(?<![0-9a-f])(?:[0-9a-f]{2}[ ]?){12,}(?![0-9a-f])");
  private static final int MAX_DEPTH = 2;
  private static final Pattern WORD = Pattern.compile("[^\\p{L}\\p{N}_]+");

  private final InjectionClassifier classifier;
  private final double threshold;

  private PromptInjectionDetector(InjectionClassifier classifier, double threshold) {
    this.classifier = classifier;
    this.threshold = threshold;
  }

  /**
   * Returns a rules-only detector with the default threshold.
   *
   * @return the detector
   */
  public static PromptInjectionDetector rulesOnly() {
    return new PromptInjectionDetector(null, DEFAULT_THRESHOLD);
  }

  /**
   * Returns a detector combining the rules with a classifier.
   *
   * @param classifier the classifier
   * @param threshold the flagging threshold in [0, 1]
   * @return the detector
   * @throws IllegalArgumentException if the threshold is out of range
   */
  public static PromptInjectionDetector of(InjectionClassifier classifier, double threshold) {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
    }
    return new PromptInjectionDetector(classifier, threshold);
  }

  /**
   * Returns a copy with another threshold.
   *
   * @param newThreshold in [0, 1]
   * @return the detector
   */
  public PromptInjectionDetector withThreshold(double newThreshold) {
    return of(classifier, newThreshold);
  }

  /**
   * Returns the threshold.
   *
   * @return the threshold
   */
  public double threshold() {
    return threshold;
  }

  /**
   * Scores a text.
   *
   * @param text the prompt
   * @return the verdict
   */
  public InjectionVerdict detect(String text) {
    Objects.requireNonNull(text, "text");
    Map<String, Double> hits = new LinkedHashMap<>();
    scan(text, "", hits, 0);
    double keep = 1;
    Map<String, Double> byFamily = new LinkedHashMap<>();
    for (Map.Entry<String, Double> h : hits.entrySet()) {
      String family = h.getKey().replaceAll("^.*>", "").replaceAll("\\.(en|fr|de|es)$", "");
      byFamily.merge(family, h.getValue(), Math::max);
    }
    for (double w : byFamily.values()) {
      keep *= 1 - w;
    }
    double ruleScore = 1 - keep;
    double clf = classifier == null ? -1 : clamp(classifier.probability(text));
    double score = Math.max(ruleScore, clf);
    return new InjectionVerdict(score, score >= threshold, ruleScore, clf, new ArrayList<>(hits.keySet()));
  }

  private static void scan(String text, String prefix, Map<String, Double> hits, int depth) {
    String folded = TextNormalizer.fold(text);
    matchRules(folded, prefix, hits);
    String deob = TextNormalizer.deobfuscate(text);
    if (!deob.equals(folded)) {
      matchRules(deob, prefix, hits);
    }
    String tags = TextNormalizer.decodeTags(text);
    if (!tags.isEmpty()) {
      hits.merge(prefix + "invisible.tag_characters", 0.6, Math::max);
      scan(tags, prefix + "tags>", hits, depth + 1);
    }
    if (depth >= MAX_DEPTH) {
      return;
    }
    Matcher m = BASE64.matcher(text);
    while (m.find()) {
      String decoded = decodeBase64(m.group());
      if (decoded != null) {
        Map<String, Double> inner = new LinkedHashMap<>();
        scan(decoded, prefix + "encoded.base64>", inner, depth + 1);
        inner.forEach((k, v) -> hits.merge(k, v, Math::max));
      }
    }
    m = HEX.matcher(text);
    while (m.find()) {
      String decoded = decodeHex(m.group().replace(" ", ""));
      if (decoded != null) {
        Map<String, Double> inner = new LinkedHashMap<>();
        scan(decoded, prefix + "encoded.hex>", inner, depth + 1);
        inner.forEach((k, v) -> hits.merge(k, v, Math::max));
      }
    }
  }

  private static void matchRules(String folded, String prefix, Map<String, Double> hits) {
    TreeSet<String> words = new TreeSet<>();
    for (String w : WORD.split(folded)) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    for (InjectionRules.Rule r : InjectionRules.RULES) {
      if (triggered(r, words) && r.matches(folded)) {
        hits.merge(prefix + r.name(), r.weight(), Math::max);
      }
    }
  }

  private static boolean triggered(InjectionRules.Rule r, TreeSet<String> words) {
    for (String t : r.triggers()) {
      String w = words.ceiling(t);
      if (w != null && w.startsWith(t)) {
        return true;
      }
    }
    return false;
  }

  /** Decodes standard or URL-safe base64 and keeps it only if it reads as text (≥ 90 % printable). */
  static String decodeBase64(String s) {
    try {
      byte[] b = Base64.getDecoder().decode(s.length() % 4 == 0 ? s : s + "=".repeat((4 - s.length() % 4) % 4));
      return printable(new String(b, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String decodeHex(String s) {
    if (s.length() % 2 != 0) {
      return null;
    }
    byte[] b = new byte[s.length() / 2];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return printable(new String(b, StandardCharsets.UTF_8));
  }

  private static String printable(String s) {
    long ok = s.codePoints().filter(cp -> cp >= 0x20 && cp != 0xFFFD || cp == '\n' || cp == '\t').count();
    long letters = s.codePoints().filter(Character::isLetter).count();
    return s.length() > 0 && ok >= 0.9 * s.codePointCount(0, s.length()) && letters >= 0.5 * s.length() ? s : null;
  }

  private static double clamp(double p) {
    return Double.isNaN(p) ? 0 : Math.max(0, Math.min(1, p));
  }

  @Override
  public String toString() {
    return "PromptInjectionDetector{threshold=" + threshold + ", classifier=" + (classifier != null) + '}';
  }
}
