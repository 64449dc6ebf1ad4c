package io.llmops.guardrails.quality;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.llmops.guardrails.injection.InjectionVerdict;
import io.llmops.guardrails.injection.PromptInjectionDetector;
import io.llmops.guardrails.pii.EntityTypes;
import io.llmops.guardrails.pii.PiiAnalyzer;
import io.llmops.guardrails.pii.PiiEntity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Measures the detectors on the labelled corpora under {@code src/test/resources/corpus} and asserts quality floors.
 * An entity counts as found only with the exact type and span. Prints the full tables.
 */
class QualityTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<String> lines(String resource) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        QualityTest.class.getResourceAsStream("/corpus/" + resource), StandardCharsets.UTF_8))) {
      for (String l; (l = r.readLine()) != null; ) {
        if (!l.isBlank() && !l.startsWith("#")) {
          out.add(l);
        }
      }
    }
    return out;
  }

  /** Per-type counts; key "ALL" is the micro average. */
  static Map<String, int[]> piiCounts(PiiAnalyzer analyzer, List<String> misses) throws IOException {
    Map<String, int[]> counts = piiCounts("pii.jsonl", analyzer, misses);
    assertThat(negatives("pii.jsonl")).as("hard negatives in the corpus").isGreaterThanOrEqualTo(60);
    return counts;
  }

  static int negatives(String corpus) throws IOException {
    int n = 0;
    for (String line : lines(corpus)) {
      n += JSON.readTree(line).get("entities").isEmpty() ? 1 : 0;
    }
    return n;
  }

  /** Per-type counts {tp, fp, fn} on a PII corpus; key "ALL" is the micro average. */
  static Map<String, int[]> piiCounts(String corpus, PiiAnalyzer analyzer, List<String> misses) throws IOException {
    Map<String, int[]> counts = new LinkedHashMap<>(); // tp, fp, fn
    for (String t : EntityTypes.ALL) {
      counts.put(t, new int[3]);
    }
    counts.put("ALL", new int[3]);
    for (String line : lines(corpus)) {
      JsonNode n = JSON.readTree(line);
      String text = n.get("text").asText();
      Set<String> gold = new HashSet<>();
      Map<String, Integer> from = new LinkedHashMap<>();
      for (JsonNode e : n.get("entities")) {
        String v = e.get("value").asText();
        int start = text.indexOf(v, from.getOrDefault(v, 0));
        from.put(v, start + v.length());
        gold.add(e.get("type").asText() + "@" + start + ":" + (start + v.length()));
      }
      Set<String> found = new HashSet<>();
      for (PiiEntity e : analyzer.analyze(text)) {
        found.add(e.type() + "@" + e.start() + ":" + e.end());
      }
      for (String g : gold) {
        String type = g.substring(0, g.indexOf('@'));
        int i = found.contains(g) ? 0 : 2;
        counts.get(type)[i]++;
        counts.get("ALL")[i]++;
        if (i == 2) {
          misses.add("FN " + g + " in: " + text);
        }
      }
      for (String f : found) {
        if (!gold.contains(f)) {
          String type = f.substring(0, f.indexOf('@'));
          counts.computeIfAbsent(type, k -> new int[3])[1]++;
          counts.get("ALL")[1]++;
          misses.add("FP " + f + " in: " + text);
        }
      }
    }
    return counts;
  }

  static double f1(int[] c) {
    double p = c[0] + c[1] == 0 ? 1 : c[0] / (double) (c[0] + c[1]);
    double r = c[0] + c[2] == 0 ? 1 : c[0] / (double) (c[0] + c[2]);
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  @Test
  void piiF1MeetsTheFloor() throws IOException {
    List<String> misses = new ArrayList<>();
    Map<String, int[]> counts = piiCounts(PiiAnalyzer.defaults(), misses);
    assertThat(lines("pii.jsonl")).hasSizeGreaterThanOrEqualTo(200);
    printPii("PII quality, development corpus (exact type and span)", counts, misses);
    assertThat(f1(counts.get("ALL"))).isGreaterThanOrEqualTo(0.95);
  }

  static void printPii(String title, Map<String, int[]> counts, List<String> misses) {
    System.out.println(title);
    System.out.printf(Locale.ROOT, "%-12s %5s %5s %5s %9s %7s %6s%n", "type", "tp", "fp", "fn", "precision",
        "recall", "f1");
    counts.forEach((type, c) -> System.out.printf(Locale.ROOT, "%-12s %5d %5d %5d %9.3f %7.3f %6.3f%n", type, c[0],
        c[1], c[2], c[0] + c[1] == 0 ? 1.0 : c[0] / (double) (c[0] + c[1]),
        c[0] + c[2] == 0 ? 1.0 : c[0] / (double) (c[0] + c[2]), f1(c)));
    misses.forEach(m -> System.out.println("  " + m));
  }

  /**
   * Blind set A was written by someone else after the recognizers, without seeing them; its misses were used to
   * find generalisation failures, whose causes were fixed in general ways (see the recognizers' notes). Printed with
   * its misses.
   */
  @Test
  void piiOnBlindSetA() throws IOException {
    List<String> misses = new ArrayList<>();
    Map<String, int[]> counts = piiCounts("pii-blind-a.jsonl", PiiAnalyzer.defaults(), misses);
    printPii("PII quality, BLIND SET A (" + lines("pii-blind-a.jsonl").size() + " texts, "
        + negatives("pii-blind-a.jsonl") + " without PII)", counts, misses);
    // Measured 0.899 before the fixes, 0.992 after (no longer blind); the floor guards the fixes.
    assertThat(f1(counts.get("ALL"))).isGreaterThanOrEqualTo(0.95);
  }

  /**
   * Blind set B is never used for tuning: only its table is printed (no misses, so nobody tunes on them by reading
   * the build log). The floors sit below the first measurement and guard against regressions.
   */
  @Test
  void piiOnBlindSetB() throws IOException {
    Map<String, int[]> counts = piiCounts("pii-blind-b.jsonl", PiiAnalyzer.defaults(), new ArrayList<>());
    printPii("PII quality, BLIND SET B (" + lines("pii-blind-b.jsonl").size() + " texts, "
        + negatives("pii-blind-b.jsonl") + " without PII; misses not printed)", counts, List.of());
    // First measurement: precision 0.983, recall 0.912, F1 0.946 (PERSON recall 0.727 is the weak spot).
    assertThat(f1(counts.get("ALL"))).isGreaterThanOrEqualTo(0.90);
    assertThat(f1(counts.get("PERSON"))).isGreaterThanOrEqualTo(0.75);
  }

  /** Returns {tp, fn, fp, tn}. */
  static int[] injectionCounts(PromptInjectionDetector detector, List<String> misses, Map<String, int[]> byLang)
      throws IOException {
    return injectionCounts("injection.tsv", detector, misses, byLang);
  }

  static int[] injectionCounts(String corpus, PromptInjectionDetector detector, List<String> misses,
      Map<String, int[]> byLang) throws IOException {
    int[] c = new int[4];
    for (String line : lines(corpus)) {
      String[] f = line.split("\t", 3);
      boolean attack = f[0].equals("1");
      InjectionVerdict v = detector.detect(f[2].replace("\\n", "\n"));
      int idx = attack ? (v.flagged() ? 0 : 1) : (v.flagged() ? 2 : 3);
      c[idx]++;
      byLang.computeIfAbsent(f[1], k -> new int[4])[idx]++;
      if (idx == 1 || idx == 2) {
        misses.add((idx == 1 ? "FN " : "FP ") + v.explanation() + " : " + f[2]);
      }
    }
    return c;
  }

  static void printInjection(String title, int[] c, Map<String, int[]> byLang, List<String> misses) {
    System.out.println(title);
    System.out.printf(Locale.ROOT, "%-5s %4s %4s %4s %4s %6s %6s%n", "lang", "tp", "fn", "fp", "tn", "TPR", "FPR");
    Map<String, int[]> all = new LinkedHashMap<>(byLang);
    all.put("all", c);
    all.forEach((lang, x) -> System.out.printf(Locale.ROOT, "%-5s %4d %4d %4d %4d %6.3f %6.3f%n", lang, x[0], x[1],
        x[2], x[3], x[0] / (double) Math.max(1, x[0] + x[1]), x[2] / (double) Math.max(1, x[2] + x[3])));
    misses.forEach(m -> System.out.println("  " + m));
  }

  @Test
  void injectionRulesMeetTheFloor() throws IOException {
    List<String> misses = new ArrayList<>();
    Map<String, int[]> byLang = new LinkedHashMap<>();
    int[] c = injectionCounts(PromptInjectionDetector.rulesOnly(), misses, byLang);
    printInjection("Prompt injection, rules only, threshold " + PromptInjectionDetector.DEFAULT_THRESHOLD, c, byLang,
        misses);
    assertThat(c[0] + c[1] + c[2] + c[3]).isGreaterThanOrEqualTo(120);
    assertThat(c[0] / (double) (c[0] + c[1])).as("TPR").isGreaterThanOrEqualTo(0.90);
    assertThat(c[2] / (double) (c[2] + c[3])).as("FPR").isLessThanOrEqualTo(0.05);
  }

  /**
   * The held-out set was written after the rules were first frozen. Measured then: rules TPR 0.14 (3/21), FPR 0;
   * rules + encoder TPR 0.57, FPR 0.05. The rules were then broadened structurally (passive voiding, extraction of
   * "text before my first message", wider verb lists), so it is no longer truly unseen; a fresh set is needed for an
   * unbiased figure. The floor is looser than on the development corpus: it guards against regressions.
   */
  @Test
  void injectionRulesOnHeldOutSet() throws IOException {
    List<String> misses = new ArrayList<>();
    Map<String, int[]> byLang = new LinkedHashMap<>();
    int[] c = injectionCounts("injection-heldout.tsv", PromptInjectionDetector.rulesOnly(), misses, byLang);
    printInjection("Prompt injection, rules only, HELD-OUT set", c, byLang, misses);
    assertThat(c[0] / (double) (c[0] + c[1])).as("TPR").isGreaterThanOrEqualTo(0.6);
    assertThat(c[2] / (double) (c[2] + c[3])).as("FPR").isLessThanOrEqualTo(0.1);
  }
}
