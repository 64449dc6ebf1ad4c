package io.llmops.model;

import java.util.Arrays;

/**
 * A dense vector representing a text. Immutable and thread-safe (the array is copied in and out).
 *
 * @since 0.1.0
 */
public final class Embedding {
  private final float[] vector;

  private Embedding(float[] vector) {
    this.vector = vector;
  }

  /**
   * Creates an embedding; the array is copied.
   *
   * @param vector the values
   * @return the embedding
   */
  public static Embedding of(float[] vector) {
    return new Embedding(vector.clone());
  }

  /**
   * Returns the dimension.
   *
   * @return the number of values
   */
  public int dimension() {
    return vector.length;
  }

  /**
   * Returns a copy of the values.
   *
   * @return a new array
   */
  public float[] vector() {
    return vector.clone();
  }

  /**
   * Returns the value at an index.
   *
   * @param i the index
   * @return the value
   */
  public float get(int i) {
    return vector[i];
  }

  /**
   * Returns the cosine similarity with another embedding of the same dimension.
   *
   * @param other the other embedding
   * @return a value in [-1, 1]; 0 if either vector is zero
   * @throws IllegalArgumentException if the dimensions differ
   */
  public double cosineSimilarity(Embedding other) {
    if (other.vector.length != vector.length) {
      throw new IllegalArgumentException("dimensions differ: " + vector.length + " vs " + other.vector.length);
    }
    double dot = 0;
    double a = 0;
    double b = 0;
    for (int i = 0; i < vector.length; i++) {
      dot += (double) vector[i] * other.vector[i];
      a += (double) vector[i] * vector[i];
      b += (double) other.vector[i] * other.vector[i];
    }
    return a == 0 || b == 0 ? 0 : dot / Math.sqrt(a * b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding && Arrays.equals(vector, ((Embedding) o).vector);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "Embedding{dimension=" + vector.length + '}';
  }
}
