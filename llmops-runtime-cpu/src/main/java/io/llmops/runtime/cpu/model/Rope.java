package io.llmops.runtime.cpu.model;

import java.util.Arrays;

/**
 * Rotary position embedding parameters, as llama.cpp's {@code ggml_rope_ext} takes them. Immutable.
 *
 * <p>For pair {@code i < dims/2} the angle at position {@code p} is {@code p * freqScale * base^(-2i/dims) /
 * freqFactors[i]}. In {@link Mode#NORMAL} (llama) the pair is {@code (x[2i], x[2i+1])}; in {@link Mode#NEOX} (qwen2)
 * it is {@code (x[i], x[i + dims/2])}. Columns at or past {@code dims} in a head are not rotated.
 *
 * @param mode how dimensions are paired
 * @param headDim the width of one head
 * @param dims how many leading dimensions of a head are rotated ({@code rope.dimension_count}), even
 * @param base the frequency base ({@code rope.freq_base})
 * @param freqScale the position scale, {@code 1 / rope.scaling.factor} for linear scaling, else 1
 * @param freqFactors per-pair divisors ({@code rope_freqs.weight}, Llama 3.1+), or {@code null}
 * @since 0.1.0
 */
public record Rope(Mode mode, int headDim, int dims, float base, float freqScale, float[] freqFactors) {

  /**
   * How rotated dimensions are paired.
   *
   * @since 0.1.0
   */
  public enum Mode {
    /** Adjacent pairs (llama.cpp {@code LLAMA_ROPE_TYPE_NORM}). */
    NORMAL,
    /** Halves (llama.cpp {@code LLAMA_ROPE_TYPE_NEOX}). */
    NEOX
  }

  /**
   * Validates and copies.
   *
   * @throws IllegalArgumentException if {@code dims} is odd or larger than {@code headDim}, or the factors do not
   *     cover {@code dims/2} pairs
   */
  public Rope {
    if (dims % 2 != 0 || dims > headDim || dims <= 0) {
      throw new IllegalArgumentException("rope dimension count " + dims + " invalid for head size " + headDim);
    }
    if (freqFactors != null) {
      if (freqFactors.length < dims / 2) {
        throw new IllegalArgumentException("rope_freqs has " + freqFactors.length + " entries, need " + dims / 2);
      }
      freqFactors = freqFactors.clone();
    }
  }

  /**
   * Returns the inverse frequency of each pair, {@code freqScale * base^(-2i/dims) / freqFactors[i]}.
   *
   * @return {@code dims/2} values
   */
  public double[] inverseFrequencies() {
    double[] f = new double[dims / 2];
    for (int i = 0; i < f.length; i++) {
      f[i] = freqScale * Math.pow(base, -2.0 * i / dims) / (freqFactors == null ? 1 : freqFactors[i]);
    }
    return f;
  }

  @Override
  public float[] freqFactors() {
    return freqFactors == null ? null : freqFactors.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Rope && mode == ((Rope) o).mode && headDim == ((Rope) o).headDim && dims == ((Rope) o).dims
        && base == ((Rope) o).base && freqScale == ((Rope) o).freqScale
        && Arrays.equals(freqFactors, ((Rope) o).freqFactors);
  }

  @Override
  public int hashCode() {
    return (mode.hashCode() * 31 + dims) * 31 + Float.hashCode(base);
  }

  @Override
  public String toString() {
    return "Rope{" + mode + ", dims=" + dims + ", base=" + base + ", freqScale=" + freqScale
        + (freqFactors == null ? "" : ", freqFactors") + '}';
  }
}
