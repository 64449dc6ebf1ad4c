package io.llmops.eval.bias;

import java.util.Objects;

/**
 * Two terms that differ only in a demographic attribute, e.g. "she" / "he". Immutable and thread-safe.
 *
 * @param axis the attribute, e.g. {@code "gender"}
 * @param groupA the first group's name
 * @param groupB the second group's name
 * @param termA the first group's term
 * @param termB the second group's term
 * @since 0.1.0
 */
public record CounterfactualPair(String axis, String groupA, String groupB, String termA, String termB) {

  /**
   * Validates.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public CounterfactualPair {
    Objects.requireNonNull(axis, "axis");
    Objects.requireNonNull(groupA, "groupA");
    Objects.requireNonNull(groupB, "groupB");
    Objects.requireNonNull(termA, "termA");
    Objects.requireNonNull(termB, "termB");
  }
}
