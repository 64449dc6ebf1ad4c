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

  /**
   * The per-pair divisors of Llama 3.1's "llama3" rope scaling ({@code apply_scaling} of Meta's reference code, and
   * what llama.cpp's converter writes to {@code rope_freqs.weight}): with {@code f_i = base^(-2i/dims)} and wavelength
   * {@code 2 pi / f_i}, pairs shorter than {@code originalContext / highFreqFactor} keep 1, pairs longer than
   * {@code originalContext / lowFreqFactor} get {@code factor}, and those between interpolate smoothly,
   * {@code 1 / ((1 - s) / factor + s)} with {@code s = (originalContext / wavelength - low) / (high - low)}.
   *
   * @param dims rotated dimensions (even)
   * @param base the frequency base
   * @param factor {@code rope.scaling.factor}
   * @param lowFreqFactor {@code rope.scaling.low_freq_factor}
   * @param highFreqFactor {@code rope.scaling.high_freq_factor}, greater than {@code lowFreqFactor}
   * @param originalContext {@code rope.scaling.original_context_length}
   * @return {@code dims/2} divisors
   * @throws IllegalArgumentException if a parameter is out of range
   */
  static float[] llama3Factors(int dims, float base, float factor, float lowFreqFactor, float highFreqFactor,
      int originalContext) {
    if (!(factor > 0) || !(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor) || originalContext < 1) {
      throw new IllegalArgumentException("llama3 rope scaling: need factor > 0, 0 < low_freq_factor <"
          + " high_freq_factor and original_context_length >= 1, got " + factor + ", " + lowFreqFactor + ", "
          + highFreqFactor + ", " + originalContext);
    }
    double lowWavelength = originalContext / (double) lowFreqFactor;
    double highWavelength = originalContext / (double) highFreqFactor;
    float[] divisors = new float[dims / 2];
    for (int i = 0; i < divisors.length; i++) {
      double wavelength = 2 * Math.PI / Math.pow(base, -2.0 * i / dims);
      if (wavelength < highWavelength) {
        divisors[i] = 1f;
      } else if (wavelength > lowWavelength) {
        divisors[i] = factor;
      } else {
        double smooth = (originalContext / wavelength - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
        divisors[i] = (float) (1 / ((1 - smooth) / factor + smooth));
      }
    }
    return divisors;
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
