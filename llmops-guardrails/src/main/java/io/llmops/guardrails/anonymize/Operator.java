package io.llmops.guardrails.anonymize;

import java.util.Objects;

/**
 * How an {@link Anonymizer} replaces one entity. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link Redact}: {@code <EMAIL>}, the type only;
 *   <li>{@link Mask}: {@code ************1111}, keeping the last characters;
 *   <li>{@link Hash}: {@code <EMAIL:3f2a9c…>}, a salted HMAC-SHA-256 prefix, stable for equal values and salt;
 *   <li>{@link Placeholder}: {@code <EMAIL_1>}, numbered per conversation and recorded in the {@link Vault} so the
 *       model's answer can be de-anonymized.
 * </ul>
 *
 * @since 0.1.0
 */
public sealed interface Operator {

  /**
   * Returns the type-only redaction.
   *
   * @return the operator
   */
  static Operator redact() {
    return new Redact();
  }

  /**
   * Returns a mask keeping the last characters.
   *
   * @param keepLast how many characters to keep (0 masks all)
   * @return the operator
   * @throws IllegalArgumentException if {@code keepLast} is negative
   */
  static Operator mask(int keepLast) {
    return new Mask(keepLast, '*');
  }

  /**
   * Returns a salted hash.
   *
   * @param salt a secret; the same salt gives the same digest for the same value
   * @return the operator
   */
  static Operator hash(String salt) {
    return new Hash(salt);
  }

  /**
   * Returns the reversible typed placeholder.
   *
   * @return the operator
   */
  static Operator placeholder() {
    return new Placeholder();
  }

  /** Replaces with {@code <TYPE>}. */
  record Redact() implements Operator {}

  /**
   * Replaces every character but the last {@code keepLast} (and separators) with {@code maskChar}.
   *
   * @param keepLast characters kept at the end
   * @param maskChar the masking character
   */
  record Mask(int keepLast, char maskChar) implements Operator {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if {@code keepLast} is negative
     */
    public Mask {
      if (keepLast < 0) {
        throw new IllegalArgumentException("keepLast must be >= 0: " + keepLast);
      }
    }
  }

  /**
   * Replaces with {@code <TYPE:hex16>}, the first 64 bits of HMAC-SHA-256(salt, value).
   *
   * @param salt the HMAC key; never printed
   */
  record Hash(String salt) implements Operator {
    /**
     * Validates.
     *
     * @throws IllegalArgumentException if the salt is empty
     */
    public Hash {
      Objects.requireNonNull(salt, "salt");
      if (salt.isEmpty()) {
        throw new IllegalArgumentException("salt must not be empty");
      }
    }

    @Override
    public String toString() {
      return "Hash[salt=***]";
    }
  }

  /** Replaces with {@code <TYPE_n>} and records the original in the conversation's vault. */
  record Placeholder() implements Operator {}
}
