package io.llmops.guardrails.injection;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores a prompt for injection and jailbreak attempts.
 *
 * <p>Design note. The text is scanned as written (folded: case, accents, compatibility forms, invisible characters),
 * de-obfuscated (leetspeak, spaced letters), and through what it hides: Unicode tag characters and base64 or hex
 * payloads are decoded and rescanned (two levels deep). Each rule family contributes its weight once; the rule
 * score is {@code 1 - Π(1 - w)}, so independent signals add up without exceeding 1. An optional trained {@link
 * InjectionClassifier} catches paraphrases no rule names: {@link NgramInjectionClassifier} ({@link #defaults()}, no
 * native code) or {@link EncoderInjectionClassifier} (n-grams stacked with a sentence encoder); the final score is the
 * larger of the two. The rules stay because they read what the classifier cannot: decoded base64/hex payloads and
 * invisible tag characters (weight 0.6). The classifiers are calibrated so that their operating point is the same
 * default threshold, 0.5.
 *
 * <p>Thread-safe and immutable.
 *
 * @since 0.1.0
 */
public final class PromptInjectionDetector {
  /**
   * The default threshold: the score from one strong rule (0.75 and above) or two medium ones, and the operating
   * point the trained classifiers are calibrated to (chosen on cross-validation of their training corpus).
   */
  public static final double DEFAULT_THRESHOLD = 0.5;
  private static final Pattern BASE64 = Pattern.compile("(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{16,}={0,2}(?![A-Za-z0-9+/=])");
  private static final Pattern HEX = Pattern.compile("(?i)(?<![0-9a-f])(?:[0-9a-f]{2}[ ]?){12,}(?![0-9a-f])");
  private static final int MAX_DEPTH = 2;
  /** Context a rule reads around its window: the reported-speech check looks 24 chars back. */
  private static final int CONTEXT = 32;

  private final InjectionClassifier classifier;
  private final double threshold;

  private PromptInjectionDetector(InjectionClassifier classifier, double threshold) {
    this.classifier = classifier;
    this.threshold = threshold;
  }

  /**
   * Returns the default detector without an encoder: the rules plus the trained {@link NgramInjectionClassifier}, at
   * the default threshold. No native code; the first call trains the n-gram model (≈0.2 s warm, ≈1 s cold on two
   * busy cores).
   *
   * @return the detector
   * @since 0.2.0
   */
  public static PromptInjectionDetector defaults() {
    return new PromptInjectionDetector(NgramInjectionClassifier.bundled(), DEFAULT_THRESHOLD);
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
    boolean flagged = score >= threshold;
    // Evidence only where the classifier decided: explaining costs string building, not worth it for every prompt.
    List<String> evidence = flagged && clf >= threshold ? classifier.explain(text) : List.of();
    return new InjectionVerdict(score, flagged, ruleScore, clf, new ArrayList<>(hits.keySet()), evidence);
  }

  private static void scan(String text, String prefix, Map<String, Double> hits, int depth) {
    String folded = TextNormalizer.fold(text);
    Set<String> evaluated = new HashSet<>();
    matchRules(folded, prefix, hits, evaluated);
    String deob = TextNormalizer.deobfuscate(text);
    if (!deob.equals(folded)) {
      // De-obfuscation changes a few spans; windows it leaves unchanged were already evaluated on the folded text.
      matchRules(deob, prefix, hits, evaluated);
    }
    String tags = TextNormalizer.decodeTags(text);
    if (!tags.isEmpty()) {
      hits.merge(prefix + "invisible.tag_characters", 0.6, Math::max);
      scan(tags, prefix + "tags>", hits, depth + 1);
    }
    if (depth >= MAX_DEPTH) {
      return;
    }
    // Payloads are tried only where a long enough run of their alphabet starts (see Scan).
    Matcher m = Scan.matcher(BASE64, text);
    for (int from = 0; Scan.find(m, from, i -> runStart(text, i, 16, PromptInjectionDetector::base64Char));
        from = Scan.next(m)) {
      String decoded = decodeBase64(m.group());
      if (decoded != null) {
        Map<String, Double> inner = new LinkedHashMap<>();
        scan(decoded, prefix + "encoded.base64>", inner, depth + 1);
        inner.forEach((k, v) -> hits.merge(k, v, Math::max));
      }
    }
    m = Scan.matcher(HEX, text);
    for (int from = 0; Scan.find(m, from, i -> runStart(text, i, 2, PromptInjectionDetector::hexChar));
        from = Scan.next(m)) {
      String decoded = decodeHex(m.group().replace(" ", ""));
      if (decoded != null) {
        Map<String, Double> inner = new LinkedHashMap<>();
        scan(decoded, prefix + "encoded.hex>", inner, depth + 1);
        inner.forEach((k, v) -> hits.merge(k, v, Math::max));
      }
    }
  }

  /**
   * Runs the rules whose trigger words occur, each only in a window from {@link InjectionRules.Rule#lead} before
   * to {@link InjectionRules#SPAN} after those words
   * (a 2 KB prompt that mentions "following" once costs a 200-char window of two rules, not 25 full scans).
   */
  private static void matchRules(String folded, String prefix, Map<String, Double> hits, Set<String> evaluated) {
    int n = folded.length();
    int[] starts = new int[16];
    long[] masks = new long[16];
    int count = 0;
    long any = 0;
    for (int i = 0; i < n; i++) {
      if (wordChar(folded.charAt(i)) && (i == 0 || !wordChar(folded.charAt(i - 1)))) {
        long mask = InjectionRules.triggered(folded, i);
        if (mask != 0) {
          if (count == starts.length) {
            starts = Arrays.copyOf(starts, 2 * count);
            masks = Arrays.copyOf(masks, 2 * count);
          }
          starts[count] = i;
          masks[count++] = mask;
          any |= mask;
        }
      }
    }
    for (int r = 0; r < InjectionRules.RULES.size(); r++) {
      if ((any & 1L << r) == 0) {
        continue;
      }
      InjectionRules.Rule rule = InjectionRules.RULES.get(r);
      int lo = -1;
      int hi = -1;
      boolean hit = false;
      for (int k = 0; k < count && !hit; k++) {
        if ((masks[k] & 1L << r) == 0) {
          continue;
        }
        int from = Math.max(0, starts[k] - rule.lead());
        int to = Math.min(n, starts[k] + InjectionRules.SPAN);
        if (lo >= 0 && from <= hi) {
          hi = to; // overlapping windows merge
          continue;
        }
        hit = lo >= 0 && matches(rule, r, folded, lo, hi, evaluated);
        lo = from;
        hi = to;
      }
      if (hit || lo >= 0 && matches(rule, r, folded, lo, hi, evaluated)) {
        hits.merge(prefix + rule.name(), rule.weight(), Math::max);
      }
    }
  }

  /**
   * Runs a rule on a window unless the same rule already ran on a window with the same content, the same context
   * ({@link #CONTEXT} chars each side: lookarounds, {@code \\b}, {@code ^}, the reported-speech check) and the same
   * position relative to the text's ends. Such a window gives the same result, and if that was a hit, it is recorded.
   */
  private static boolean matches(InjectionRules.Rule rule, int r, String text, int lo, int hi, Set<String> evaluated) {
    int s = Math.max(0, lo - CONTEXT);
    int e = Math.min(text.length(), hi + CONTEXT);
    String key = r + "|" + (lo - s) + "|" + (hi - s) + "|" + (s == 0) + "|" + (e == text.length()) + "|"
        + text.substring(s, e);
    return evaluated.add(key) && rule.matches(text, lo, hi);
  }

  /** Whether a run of at least {@code min} chars of a class starts at {@code i} (and not before it). */
  private static boolean runStart(String text, int i, int min, java.util.function.IntPredicate cls) {
    if (i >= text.length() || !cls.test(text.charAt(i)) || i > 0 && cls.test(text.charAt(i - 1))) {
      return false;
    }
    int j = i;
    while (j < text.length() && j - i < min && cls.test(text.charAt(j))) {
      j++;
    }
    return j - i >= min;
  }

  private static boolean base64Char(int c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/';
  }

  private static boolean hexChar(int c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** The word characters of the trigger tokenisation: letters, digits and underscore. */
  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
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
