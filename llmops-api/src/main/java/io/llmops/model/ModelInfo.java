package io.llmops.model;

import java.util.Objects;

/**
 * What a loaded model is: its name, architecture, size, quantization and context. Immutable and thread-safe; build
 * with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class ModelInfo {
  private final String name;
  private final String architecture;
  private final long parameterCount;
  private final String quantization;
  private final int contextLength;
  private final int trainedContextLength;
  private final int vocabularySize;
  private final int embeddingLength;
  private final String runtime;
  private final long sizeBytes;

  private ModelInfo(Builder b) {
    name = b.name;
    architecture = b.architecture;
    parameterCount = b.parameterCount;
    quantization = b.quantization;
    contextLength = b.contextLength;
    trainedContextLength = b.trainedContextLength;
    vocabularySize = b.vocabularySize;
    embeddingLength = b.embeddingLength;
    runtime = b.runtime;
    sizeBytes = b.sizeBytes;
  }

  /**
   * Returns a new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these values.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return builder().name(name).architecture(architecture).parameterCount(parameterCount).quantization(quantization)
        .contextLength(contextLength).trainedContextLength(trainedContextLength).vocabularySize(vocabularySize)
        .embeddingLength(embeddingLength).runtime(runtime).sizeBytes(sizeBytes);
  }

  /**
   * Returns the model's name (GGUF {@code general.name}, or the file name).
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the architecture (GGUF {@code general.architecture}, e.g. {@code "llama"}, {@code "qwen2"}).
   *
   * @return the architecture
   */
  public String architecture() {
    return architecture;
  }

  /**
   * Returns the number of parameters (all tensor elements).
   *
   * @return the count
   */
  public long parameterCount() {
    return parameterCount;
  }

  /**
   * Returns the dominant weight type (e.g. {@code "Q8_0"}, {@code "Q4_K_M"}, {@code "F32"}).
   *
   * @return the quantization
   */
  public String quantization() {
    return quantization;
  }

  /**
   * Returns the context length the model was loaded with.
   *
   * @return tokens
   */
  public int contextLength() {
    return contextLength;
  }

  /**
   * Returns the context length the model was trained with.
   *
   * @return tokens
   */
  public int trainedContextLength() {
    return trainedContextLength;
  }

  /**
   * Returns the vocabulary size.
   *
   * @return tokens
   */
  public int vocabularySize() {
    return vocabularySize;
  }

  /**
   * Returns the hidden (embedding) dimension.
   *
   * @return the dimension
   */
  public int embeddingLength() {
    return embeddingLength;
  }

  /**
   * Returns the runtime that loaded the model (e.g. {@code "cpu"}).
   *
   * @return the runtime name
   */
  public String runtime() {
    return runtime;
  }

  /**
   * Returns the size of the model file in bytes.
   *
   * @return bytes
   */
  public long sizeBytes() {
    return sizeBytes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ModelInfo)) {
      return false;
    }
    ModelInfo m = (ModelInfo) o;
    return name.equals(m.name) && architecture.equals(m.architecture) && parameterCount == m.parameterCount
        && quantization.equals(m.quantization) && contextLength == m.contextLength
        && trainedContextLength == m.trainedContextLength && vocabularySize == m.vocabularySize
        && embeddingLength == m.embeddingLength && runtime.equals(m.runtime) && sizeBytes == m.sizeBytes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, architecture, parameterCount, quantization, contextLength, runtime, sizeBytes);
  }

  @Override
  public String toString() {
    return "ModelInfo{name=" + name + ", architecture=" + architecture + ", parameters=" + parameterCount
        + ", quantization=" + quantization + ", context=" + contextLength + "/" + trainedContextLength + ", vocab="
        + vocabularySize + ", runtime=" + runtime + '}';
  }

  /**
   * Builds {@link ModelInfo}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String name = "";
    private String architecture = "";
    private long parameterCount;
    private String quantization = "";
    private int contextLength;
    private int trainedContextLength;
    private int vocabularySize;
    private int embeddingLength;
    private String runtime = "";
    private long sizeBytes;

    private Builder() {}

    /**
     * Sets the name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the architecture.
     *
     * @param architecture e.g. {@code "llama"}
     * @return this builder
     */
    public Builder architecture(String architecture) {
      this.architecture = Objects.requireNonNull(architecture, "architecture");
      return this;
    }

    /**
     * Sets the parameter count.
     *
     * @param parameterCount elements
     * @return this builder
     */
    public Builder parameterCount(long parameterCount) {
      this.parameterCount = parameterCount;
      return this;
    }

    /**
     * Sets the quantization.
     *
     * @param quantization e.g. {@code "Q8_0"}
     * @return this builder
     */
    public Builder quantization(String quantization) {
      this.quantization = Objects.requireNonNull(quantization, "quantization");
      return this;
    }

    /**
     * Sets the loaded context length.
     *
     * @param contextLength tokens
     * @return this builder
     */
    public Builder contextLength(int contextLength) {
      this.contextLength = contextLength;
      return this;
    }

    /**
     * Sets the trained context length.
     *
     * @param trainedContextLength tokens
     * @return this builder
     */
    public Builder trainedContextLength(int trainedContextLength) {
      this.trainedContextLength = trainedContextLength;
      return this;
    }

    /**
     * Sets the vocabulary size.
     *
     * @param vocabularySize tokens
     * @return this builder
     */
    public Builder vocabularySize(int vocabularySize) {
      this.vocabularySize = vocabularySize;
      return this;
    }

    /**
     * Sets the embedding length.
     *
     * @param embeddingLength the hidden dimension
     * @return this builder
     */
    public Builder embeddingLength(int embeddingLength) {
      this.embeddingLength = embeddingLength;
      return this;
    }

    /**
     * Sets the runtime name.
     *
     * @param runtime e.g. {@code "cpu"}
     * @return this builder
     */
    public Builder runtime(String runtime) {
      this.runtime = Objects.requireNonNull(runtime, "runtime");
      return this;
    }

    /**
     * Sets the file size.
     *
     * @param sizeBytes bytes
     * @return this builder
     */
    public Builder sizeBytes(long sizeBytes) {
      this.sizeBytes = sizeBytes;
      return this;
    }

    /**
     * Builds.
     *
     * @return the info
     */
    public ModelInfo build() {
      return new ModelInfo(this);
    }
  }
}
