package io.llmops.runtime.cpu.gguf;

import io.llmops.runtime.cpu.tensor.GgmlType;
import java.util.Arrays;

/**
 * One tensor descriptor of a GGUF file ({@code gguf_tensor_info}): its name, element type, shape in ggml order
 * ({@code shape[0]} is the fastest-varying dimension, i.e. the row length of a matrix), and where its bytes lie.
 *
 * <p>Immutable and thread-safe (the shape is copied in and out).
 *
 * @param name the tensor name, e.g. {@code blk.0.attn_q.weight}
 * @param type the element type
 * @param shape the dimensions, ggml order, 1 to 4 entries, each positive
 * @param offset the byte offset of the data, relative to the start of the data section
 * @param byteSize the number of bytes of data
 * @since 0.1.0
 */
public record GgufTensorInfo(String name, GgmlType type, long[] shape, long offset, long byteSize) {

  /**
   * Validates and copies the descriptor.
   *
   * @throws NullPointerException if {@code name}, {@code type} or {@code shape} is null
   * @throws IllegalArgumentException if the shape is empty or longer than 4
   */
  public GgufTensorInfo {
    if (name == null || type == null || shape == null) {
      throw new NullPointerException("name, type and shape are required");
    }
    if (shape.length == 0 || shape.length > GgufFile.MAX_DIMS) {
      throw new IllegalArgumentException("tensor " + name + ": " + shape.length + " dimensions");
    }
    shape = shape.clone();
  }

  /**
   * Returns a copy of the dimensions, ggml order.
   *
   * @return the shape
   */
  @Override
  public long[] shape() {
    return shape.clone();
  }

  /**
   * Returns one dimension ({@code 0} = row length).
   *
   * @param i the dimension index
   * @return the size of that dimension, 1 beyond the stored dimensions (as ggml pads {@code ne} with ones)
   */
  public long dim(int i) {
    return i < shape.length ? shape[i] : 1;
  }

  /**
   * Returns the number of dimensions stored.
   *
   * @return 1 to 4
   */
  public int rank() {
    return shape.length;
  }

  /**
   * Returns the number of elements (product of the dimensions).
   *
   * @return the element count
   */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      n *= d; // validated against overflow when the file was read
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GgufTensorInfo t && name.equals(t.name) && type == t.type && Arrays.equals(shape, t.shape)
        && offset == t.offset && byteSize == t.byteSize;
  }

  @Override
  public int hashCode() {
    return (name.hashCode() * 31 + type.hashCode()) * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + type + " " + Arrays.toString(shape) + " @" + offset + " (" + byteSize + " bytes)";
  }
}
