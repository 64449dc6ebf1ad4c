package io.llmops.runtime.cpu.gguf;

/**
 * The metadata value types of the GGUF format ({@code gguf_type} in ggml's {@code docs/gguf.md}), with the numeric id
 * stored in the file before every value.
 *
 * @since 0.1.0
 */
public enum GgufValueType {
  /** Unsigned 8-bit integer. */
  UINT8(0, 1),
  /** Signed 8-bit integer. */
  INT8(1, 1),
  /** Unsigned 16-bit integer. */
  UINT16(2, 2),
  /** Signed 16-bit integer. */
  INT16(3, 2),
  /** Unsigned 32-bit integer. */
  UINT32(4, 4),
  /** Signed 32-bit integer. */
  INT32(5, 4),
  /** IEEE 754 binary32. */
  FLOAT32(6, 4),
  /** One byte, 0 = false, anything else true. */
  BOOL(7, 1),
  /** UTF-8 bytes preceded by a {@code uint64} length, not NUL-terminated. */
  STRING(8, 8),
  /** Element type ({@code uint32}), element count ({@code uint64}), then the elements. */
  ARRAY(9, 12),
  /** Unsigned 64-bit integer. */
  UINT64(10, 8),
  /** Signed 64-bit integer. */
  INT64(11, 8),
  /** IEEE 754 binary64. */
  FLOAT64(12, 8);

  private static final GgufValueType[] BY_ID = values();

  private final int id;
  private final int minBytes;

  GgufValueType(int id, int minBytes) {
    this.id = id;
    this.minBytes = minBytes;
  }

  /**
   * Returns the type with a GGUF id.
   *
   * @param id the id stored in the file
   * @return the type, or {@code null} when the id is unknown
   */
  public static GgufValueType fromId(int id) {
    return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
  }

  /**
   * Returns the id stored in GGUF files.
   *
   * @return the id
   */
  public int id() {
    return id;
  }

  /**
   * Returns whether values of this type are integers (signed or unsigned, any width).
   *
   * @return {@code true} for the eight integer types
   */
  public boolean isInteger() {
    switch (this) {
      case UINT8: case INT8: case UINT16: case INT16: case UINT32: case INT32: case UINT64: case INT64:
        return true;
      default:
        return false;
    }
  }

  /** The fewest bytes one value of this type occupies in a file; bounds element counts before allocation. */
  int minBytes() {
    return minBytes;
  }
}
