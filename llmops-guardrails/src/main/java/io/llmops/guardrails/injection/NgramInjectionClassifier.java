package io.llmops.guardrails.injection;

import io.llmops.guardrails.internal.TextNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The trained n-gram injection classifier: L2-regularised logistic regression on hashed word and character n-grams
 * (EN/FR/DE/ES/IT/PT), trained from the bundled corpus of ≈3,700 labelled prompts on first use (≈0.2 s warm, ≈1 s cold
 * on 2 busy cores, once per class loader), calibrated so that 0.5 is the operating point chosen on cross-validation. No
 * native code and no encoder: a few hundred microseconds per 2 KB prompt, so it suits the no-encoder mode ({@link
 * PromptInjectionDetector#defaults()}).
 *
 * <p>A prompt over {@value EncoderInjectionClassifier#WHOLE_WORDS} words is also scored sentence by sentence (the
 * same chunks as {@link EncoderInjectionClassifier}) and the probability is the largest: one injected sentence in a
 * long benign document would otherwise be diluted by the normalisation of the whole.
 *
 * <p>Thread-safe and immutable.
 *
 * @since 0.2.0
 */
public final class NgramInjectionClassifier implements InjectionClassifier {
  private static final NgramInjectionClassifier BUNDLED = new NgramInjectionClassifier();

  private NgramInjectionClassifier() {}

  /**
   * Returns the classifier trained on the bundled corpus (the first call trains it).
   *
   * @return the classifier
   * @throws IllegalStateException if the bundled corpus or model file is missing or inconsistent
   */
  public static NgramInjectionClassifier bundled() {
    InjectionModel.bundled();
    return BUNDLED;
  }

  @Override
  public double probability(String text) {
    return LogisticRegression.sigmoid(calibratedLogit(text));
  }

  /** The calibrated logit: whole text, and for a long text the largest over its chunks too. */
  double calibratedLogit(String text) {
    InjectionModel m = InjectionModel.bundled();
    double z = m.ngramLogit(NgramFeatures.of(text));
    List<String> chunks = EncoderInjectionClassifier.chunks(text);
    for (String c : chunks) {
      z = Math.max(z, m.ngramLogit(NgramFeatures.of(c)));
    }
    return m.ngramCalibrated(z);
  }

  /**
   * Raw n-gram logits of the chunks of a long text, in order (chunk selection for the encoder).
   */
  static double[] chunkLogits(List<String> chunks) {
    InjectionModel m = InjectionModel.bundled();
    double[] z = new double[chunks.size()];
    for (int i = 0; i < z.length; i++) {
      z[i] = m.ngramLogit(NgramFeatures.of(chunks.get(i)));
    }
    return z;
  }

  @Override
  public List<String> explain(String text) {
    List<String> out = new ArrayList<>();
    for (String f : InjectionModel.bundled().topNgrams(mostSuspicious(text), 5)) {
      out.add("ngram:" + f);
    }
    return out;
  }

  /** The text itself, or for a long text its chunk with the highest n-gram score. */
  static String mostSuspicious(String text) {
    List<String> chunks = EncoderInjectionClassifier.chunks(text);
    if (chunks.isEmpty()) {
      return text;
    }
    double[] z = chunkLogits(chunks);
    int best = 0;
    for (int i = 1; i < z.length; i++) {
      best = z[i] > z[best] ? i : best;
    }
    return chunks.get(best);
  }

  @Override
  public String toString() {
    return "NgramInjectionClassifier{dim=" + NgramFeatures.DIM + ", fold=" + TextNormalizer.class.getSimpleName()
        + ".deobfuscate}";
  }
}
