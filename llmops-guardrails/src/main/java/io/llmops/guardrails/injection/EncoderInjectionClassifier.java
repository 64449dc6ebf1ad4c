package io.llmops.guardrails.injection;

import io.llmops.model.EmbeddingModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The trained injection classifier on a sentence encoder (all-MiniLM-L6-v2): a logistic regression on the 384-d
 * embedding, stacked with the {@linkplain NgramInjectionClassifier n-gram model} by a two-feature logistic
 * regression. Both models and the stacker are trained on the bundled corpus of ≈3,700 labelled prompts (see {@link
 * InjectionTraining}); the embedding weights ship in {@code injection-model.tsv}, so building costs no encoder call.
 * The probability is calibrated so that 0.5 is the operating point chosen on cross-validation.
 *
 * <p>Bounded encoder work. The encoder's cost grows with the tokens it reads (all-MiniLM-L6-v2 on 2 cores: ~2 ms
 * for a sentence, ~20 ms for 256 tokens), and one injected sentence in a page of benign text barely moves the
 * embedding of the whole. A prompt up to {@value #WHOLE_WORDS} words is embedded whole. A longer one is cut into its
 * sentences ({@value #MIN_CHUNK_WORDS} to {@value #CHUNK_WORDS} words, at most ≈ 55–70 word pieces, each); the
 * n-gram model scores every chunk (microseconds), the {@code maxChunks} most suspicious (default {@value
 * #DEFAULT_MAX_CHUNKS}) are embedded and get the stacked score, the others keep their calibrated n-gram score, and
 * the probability is the largest. A 2 KB prompt therefore costs one short encoder call, and no chunk goes unread.
 *
 * <p>Thread-safe if the encoder is.
 *
 * @since 0.1.0
 */
public final class EncoderInjectionClassifier implements InjectionClassifier {
  /** Prompts up to this many words are embedded whole. */
  static final int WHOLE_WORDS = 64;
  /** Longer prompts are cut into sentences of at most this many words (≈ 55–70 word-piece tokens of prose). */
  static final int CHUNK_WORDS = 40;
  /**
   * A sentence shorter than this joins the next one: a few words ("Nothing sensitive here:") carry too little
   * context for either model and make noisy, over-confident scores.
   */
  static final int MIN_CHUNK_WORDS = 8;
  /** The default number of chunks of a long prompt that are embedded (the latency budget: one short call). */
  public static final int DEFAULT_MAX_CHUNKS = 1;

  private final EmbeddingModel encoder;
  private final InjectionModel model;
  private final int maxChunks;

  private EncoderInjectionClassifier(EmbeddingModel encoder, InjectionModel model, int maxChunks) {
    this.encoder = encoder;
    this.model = model;
    this.maxChunks = maxChunks;
  }

  /**
   * Builds the classifier on the bundled model.
   *
   * @param encoder the sentence encoder the model was trained on, all-MiniLM-L6-v2 (not closed by the classifier)
   * @return the classifier
   * @throws IllegalArgumentException if the encoder's dimension differs from the model's
   */
  public static EncoderInjectionClassifier of(EmbeddingModel encoder) {
    return of(encoder, DEFAULT_MAX_CHUNKS);
  }

  /**
   * Builds the classifier on the bundled model, embedding at most {@code maxChunks} chunks of a long prompt.
   *
   * @param encoder the sentence encoder the model was trained on, all-MiniLM-L6-v2 (not closed by the classifier)
   * @param maxChunks at least 1; the encoder cost of a long prompt grows with it
   * @return the classifier
   * @throws IllegalArgumentException if {@code maxChunks < 1} or the encoder's dimension differs from the model's
   */
  public static EncoderInjectionClassifier of(EmbeddingModel encoder, int maxChunks) {
    Objects.requireNonNull(encoder, "encoder");
    if (maxChunks < 1) {
      throw new IllegalArgumentException("maxChunks must be >= 1: " + maxChunks);
    }
    InjectionModel model = InjectionModel.bundled();
    if (encoder.dimension() != model.embeddingDimension()) {
      throw new IllegalArgumentException("the injection model needs " + model.embeddingDimension()
          + "-d embeddings (all-MiniLM-L6-v2); " + encoder.name() + " gives " + encoder.dimension());
    }
    return new EncoderInjectionClassifier(encoder, model, maxChunks);
  }

  @Override
  public double probability(String text) {
    List<String> chunks = chunks(text);
    if (chunks.isEmpty()) {
      return LogisticRegression.sigmoid(stacked(text, model.ngramLogit(NgramFeatures.of(text))));
    }
    double[] z = NgramInjectionClassifier.chunkLogits(chunks);
    Integer[] order = new Integer[chunks.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> z[b] != z[a] ? Double.compare(z[b], z[a]) : Integer.compare(a, b));
    double best = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < order.length; i++) {
      int c = order[i];
      best = Math.max(best, i < maxChunks ? stacked(chunks.get(c), z[c]) : model.ngramCalibrated(z[c]));
    }
    return LogisticRegression.sigmoid(best);
  }

  private double stacked(String unit, double ngramLogit) {
    return model.stacked(ngramLogit, encoder.embed(unit).vector());
  }

  @Override
  public List<String> explain(String text) {
    return NgramInjectionClassifier.bundled().explain(text);
  }

  /**
   * One chunk per sentence (sentences under MIN_CHUNK_WORDS words join the next; cut by words past CHUNK_WORDS), or
   * an empty list for a prompt to embed whole.
   */
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
      boolean sentenceEnd = last == '.' || last == '!' || last == '?' || last == ':' || last == ';';
      if (++inChunk == CHUNK_WORDS || sentenceEnd && inChunk >= MIN_CHUNK_WORDS) {
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

  @Override
  public String toString() {
    return "EncoderInjectionClassifier{maxChunks=" + maxChunks + '}';
  }
}
