package io.llmops;

import java.util.OptionalLong;

/**
 * A model file could not be loaded: it is missing, truncated, corrupt, hostile or of an unsupported kind. The message
 * names the file, the field that was read and, for binary formats, the byte offset, e.g. {@code "tensor
 * blk.3.attn_q.weight: type 99 unknown at offset 123456"}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public class ModelLoadException extends LlmOpsException {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final long offset;

  /**
   * Creates an exception for a problem that is not tied to a byte offset.
   *
   * @param message what went wrong
   */
  public ModelLoadException(String message) {
    this(message, null, -1, null);
  }

  /**
   * Creates an exception for a problem that is not tied to a byte offset.
   *
   * @param message what went wrong
   * @param cause the underlying failure, may be {@code null}
   */
  public ModelLoadException(String message, Throwable cause) {
    this(message, null, -1, cause);
  }

  /**
   * Creates an exception naming the field and the byte offset where it was read.
   *
   * @param message what went wrong
   * @param field the format field being read (e.g. {@code "tensor_count"}), may be {@code null}
   * @param offset the byte offset of that field in the file, or {@code -1} when unknown
   * @param cause the underlying failure, may be {@code null}
   */
  public ModelLoadException(String message, String field, long offset, Throwable cause) {
    super(message, cause);
    this.field = field;
    this.offset = offset;
  }

  /**
   * Returns the format field that was being read, or {@code null} when not known.
   *
   * @return the field name, nullable
   */
  public String field() {
    return field;
  }

  /**
   * Returns the byte offset of the field in the file, when known.
   *
   * @return the offset, empty when not known
   */
  public OptionalLong offset() {
    return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
  }
}
