package io.llmops.runtime.cpu.tensor;

/**
 * The tensor element types of the GGML/GGUF format, with their numeric ids (as stored in a GGUF tensor info), block
 * size in elements and block size in bytes, as defined by {@code ggml.h} / {@code ggml.c}'s type traits. Ids that
 * ggml retired (4, 5, 31-33, 36-38) are absent.
 *
 * <p>Knowing a type lets the GGUF reader size and bounds-check tensors; computing with it needs a kernel, which only
 * the types the CPU runtime supports have.
 *
 * @since 0.1.0
 */
public enum GgmlType {
  F32(0, 1, 4),
  F16(1, 1, 2),
  Q4_0(2, 32, 18),
  Q4_1(3, 32, 20),
  Q5_0(6, 32, 22),
  Q5_1(7, 32, 24),
  Q8_0(8, 32, 34),
  Q8_1(9, 32, 36),
  Q2_K(10, 256, 84),
  Q3_K(11, 256, 110),
  Q4_K(12, 256, 144),
  Q5_K(13, 256, 176),
  Q6_K(14, 256, 210),
  Q8_K(15, 256, 292),
  IQ2_XXS(16, 256, 66),
  IQ2_XS(17, 256, 74),
  IQ3_XXS(18, 256, 98),
  IQ1_S(19, 256, 50),
  IQ4_NL(20, 32, 18),
  IQ3_S(21, 256, 110),
  IQ2_S(22, 256, 82),
  IQ4_XS(23, 256, 136),
  I8(24, 1, 1),
  I16(25, 1, 2),
  I32(26, 1, 4),
  I64(27, 1, 8),
  F64(28, 1, 8),
  IQ1_M(29, 256, 56),
  BF16(30, 1, 2),
  TQ1_0(34, 256, 54),
  TQ2_0(35, 256, 66),
  MXFP4(39, 32, 17);

  private static final GgmlType[] BY_ID = new GgmlType[64];

  static {
    for (GgmlType t : values()) {
      BY_ID[t.id] = t;
    }
  }

  private final int id;
  private final int blockSize;
  private final int typeSize;

  GgmlType(int id, int blockSize, int typeSize) {
    this.id = id;
    this.blockSize = blockSize;
    this.typeSize = typeSize;
  }

  /**
   * Returns the type with a GGUF id.
   *
   * @param id the id stored in the file
   * @return the type, or {@code null} if the id is unknown
   */
  public static GgmlType fromId(int id) {
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
   * Returns the number of elements in one block.
   *
   * @return elements per block (1 for plain types)
   */
  public int blockSize() {
    return blockSize;
  }

  /**
   * Returns the number of bytes in one block.
   *
   * @return bytes per block
   */
  public int typeSize() {
    return typeSize;
  }

  /**
   * Returns the bytes taken by {@code elements} elements, which must be a whole number of blocks.
   *
   * @param elements the element count
   * @return the byte count
   * @throws IllegalArgumentException if {@code elements} is negative or not a multiple of {@link #blockSize()}
   * @throws ArithmeticException if the byte count overflows a long
   */
  public long byteSize(long elements) {
    if (elements < 0 || elements % blockSize != 0) {
      throw new IllegalArgumentException(
          name() + ": " + elements + " elements is not a whole number of " + blockSize + "-element blocks");
    }
    return Math.multiplyExact(elements / blockSize, (long) typeSize);
  }
}
