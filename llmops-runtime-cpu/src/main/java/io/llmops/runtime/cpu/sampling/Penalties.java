package io.llmops.runtime.cpu.sampling;

import io.llmops.model.SamplingParameters;
import java.util.HashMap;
import java.util.Map;

/**
 * Repetition, frequency and presence penalties over the last {@code penaltyLastN} tokens, as llama.cpp's {@code
 * llama_sampler_penalties_apply}: a token seen {@code c > 0} times has its logit divided by the repetition penalty
 * when positive (multiplied when negative), then reduced by {@code c * frequency + presence}.
 */
final class Penalties {
  private Penalties() {}

  static void apply(float[] logits, int[] history, int length, SamplingParameters p) {
    boolean off = p.repetitionPenalty() == 1.0 && p.frequencyPenalty() == 0 && p.presencePenalty() == 0;
    if (off || p.penaltyLastN() == 0 || length == 0) {
      return;
    }
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i = Math.max(0, length - p.penaltyLastN()); i < length; i++) {
      counts.merge(history[i], 1, Integer::sum);
    }
    float rep = (float) p.repetitionPenalty();
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      int id = e.getKey();
      if (id < 0 || id >= logits.length) {
        continue;
      }
      float l = logits[id];
      l = l <= 0 ? l * rep : l / rep;
      l -= (float) (e.getValue() * p.frequencyPenalty() + p.presencePenalty());
      logits[id] = l;
    }
  }
}
