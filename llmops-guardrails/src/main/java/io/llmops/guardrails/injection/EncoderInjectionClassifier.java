package io.llmops.guardrails.injection;

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
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * An injection classifier on a sentence encoder (e.g. all-MiniLM-L6-v2): a prompt's probability is a logistic of how
 * much closer it is to labelled injection exemplars than to benign ones (mean cosine similarity of the three nearest
 * of each, minus a margin). Deterministic: no training step, the exemplars ship in {@code injection-exemplars.tsv}
 * (multilingual, written for this project and disjoint from its evaluation corpus). It catches paraphrases the rules
 * do not name; the margin keeps benign prompts that merely sit near the boundary below 0.5.
 *
 * <p>Long prompts. The encoder reads at most 256 tokens and its cost grows with them (all-MiniLM-L6-v2 on 2 cores:
 * ~2 ms for a sentence, ~20 ms for 256 tokens), and one injected sentence in a page of benign text barely moves the
 * embedding of the whole. A prompt over {@value #WHOLE_WORDS} words is therefore cut into its sentences (at most
 * {@value #CHUNK_WORDS} words each: packing several would dilute the one that matters); the {@code maxChunks} sentences
 * holding the most injection vocabulary (the rules' trigger words and second-person pronouns; ties to the earlier
 * one) are embedded, one call each, and the probability is the largest. Shorter prompts are embedded whole, as before.
 *
 * <p>Thread-safe if the encoder is. Building embeds every exemplar once (≈50 encoder calls).
 *
 * @since 0.1.0
 */
public final class EncoderInjectionClassifier implements InjectionClassifier {
  private static final double MARGIN = 0.06;
  private static final double STEEPNESS = 30;
  /** Prompts up to this many words are embedded whole. */
  static final int WHOLE_WORDS = 64;
  /** Longer prompts are cut into sentences of at most this many words (≈ 55–70 word-piece tokens of prose). */
  static final int CHUNK_WORDS = 40;
  /** The default number of chunks of a long prompt that are embedded. */
  public static final int DEFAULT_MAX_CHUNKS = 2;
  private static final Set<String> SECOND_PERSON = Set.of("you", "your", "yourself", "tu", "te", "toi", "ton", "tes",
      "vous", "votre", "vos", "du", "dich", "dir", "dein", "deine", "deinen", "ihr", "usted", "tus", "ti");

  private final ExemplarScorer scorer;
  private final int maxChunks;

  private EncoderInjectionClassifier(ExemplarScorer scorer, int maxChunks) {
    this.scorer = scorer;
    this.maxChunks = maxChunks;
  }

  /**
   * Builds the classifier from the bundled exemplars.
   *
   * @param encoder the sentence encoder (not closed by the classifier)
   * @return the classifier
   * @throws io.llmops.LlmOpsException if the encoder fails
   */
  public static EncoderInjectionClassifier of(EmbeddingModel encoder) {
    return of(encoder, DEFAULT_MAX_CHUNKS);
  }

  /**
   * Builds the classifier from the bundled exemplars, embedding at most {@code maxChunks} chunks of a long prompt.
   *
   * @param encoder the sentence encoder (not closed by the classifier)
   * @param maxChunks at least 1; the encoder cost of a long prompt grows with it
   * @return the classifier
   * @throws IllegalArgumentException if {@code maxChunks < 1}
   * @throws io.llmops.LlmOpsException if the encoder fails
   */
  public static EncoderInjectionClassifier of(EmbeddingModel encoder, int maxChunks) {
    if (maxChunks < 1) {
      throw new IllegalArgumentException("maxChunks must be >= 1: " + maxChunks);
    }
    List<String> pos = new ArrayList<>();
    List<String> neg = new ArrayList<>();
    try (InputStream in = EncoderInjectionClassifier.class.getResourceAsStream("injection-exemplars.tsv")) {
      if (in == null) {
        throw new IllegalStateException("resource io/llmops/guardrails/injection/injection-exemplars.tsv is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", 2);
        (f[0].equals("1") ? pos : neg).add(f[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the injection exemplars", e);
    }
    return new EncoderInjectionClassifier(new ExemplarScorer(encoder, pos, neg, 3, STEEPNESS, MARGIN), maxChunks);
  }

  @Override
  public double probability(String text) {
    List<String> chunks = chunks(text);
    if (chunks.isEmpty()) {
      return scorer.score(text);
    }
    Integer[] order = new Integer[chunks.size()];
    int[] prior = new int[chunks.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      prior[i] = vocabulary(chunks.get(i));
    }
    Arrays.sort(order, (a, b) -> prior[b] != prior[a] ? Integer.compare(prior[b], prior[a]) : Integer.compare(a, b));
    double p = 0;
    for (int i = 0; i < Math.min(maxChunks, order.length); i++) {
      p = Math.max(p, scorer.score(chunks.get(order[i])));
    }
    return p;
  }

  /** One chunk per sentence (cut by words past CHUNK_WORDS), or an empty list for a prompt to embed whole. */
  static List<String> chunks(String text) {
    String[] words = text.strip().split("\\s+");
    if (words.length <= WHOLE_WORDS) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    StringBuilder chunk = new StringBuilder();
    int inChunk = 0;
    for (String w : words) {
      if (chunk.length() > 0) {
        chunk.append(' ');
      }
      chunk.append(w);
      char last = w.charAt(w.length() - 1);
      if (++inChunk == CHUNK_WORDS || last == '.' || last == '!' || last == '?' || last == ':' || last == ';') {
        out.add(chunk.toString());
        chunk.setLength(0);
        inChunk = 0;
      }
    }
    if (inChunk > 0) {
      out.add(chunk.toString());
    }
    return out;
  }

  /** Injection vocabulary in a chunk: words that trigger a rule, and second-person pronouns. */
  private static int vocabulary(String chunk) {
    String folded = TextNormalizer.fold(chunk);
    int n = 0;
    for (int i = 0; i < folded.length(); i++) {
      if (Character.isLetter(folded.charAt(i)) && (i == 0 || !Character.isLetterOrDigit(folded.charAt(i - 1)))) {
        int end = i;
        while (end < folded.length() && Character.isLetterOrDigit(folded.charAt(end))) {
          end++;
        }
        if (InjectionRules.triggered(folded, i) != 0 || SECOND_PERSON.contains(folded.substring(i, end))) {
          n++;
        }
        i = end;
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "EncoderInjectionClassifier{maxChunks=" + maxChunks + '}';
  }
}
