package io.llmops.runtime.cpu.gguf;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One GGUF metadata value with its declared type. Integers of every width are held as a {@code long} (unsigned
 * 64-bit values keep their bit pattern), arrays of integers as {@code long[]}, of floats as {@code float[]} or
 * {@code double[]}, of strings as {@code String[]}, of booleans as {@code boolean[]} and nested arrays as a list of
 * values. The typed accessors convert where no information is lost and throw otherwise.
 *
 * <p>Immutable and thread-safe: array contents are copied in by the factories and out by the accessors (except the
 * package-private fast paths the tokenizer uses on large vocabularies).
 *
 * @since 0.1.0
 */
public final class GgufValue {
  private final GgufValueType type;
  private final GgufValueType elementType;
  private final Object value;

  private GgufValue(GgufValueType type, GgufValueType elementType, Object value) {
    this.type = type;
    this.elementType = elementType;
    this.value = value;
  }

  // ---- factories -------------------------------------------------------------------------------------------------

  /**
   * Creates an integer value of an integer type; the value must fit the type's range.
   *
   * @param type one of the eight integer types
   * @param v the value (for {@code UINT64}, the bit pattern)
   * @return the value
   * @throws IllegalArgumentException if the type is not an integer type or {@code v} is out of its range
   */
  public static GgufValue ofInteger(GgufValueType type, long v) {
    if (!type.isInteger()) {
      throw new IllegalArgumentException(type + " is not an integer type");
    }
    checkRange(type, v);
    return new GgufValue(type, null, v);
  }

  /**
   * Creates a {@code UINT32} value.
   *
   * @param v the value, 0 to 2^32-1
   * @return the value
   */
  public static GgufValue ofUInt32(long v) {
    return ofInteger(GgufValueType.UINT32, v);
  }

  /**
   * Creates an {@code INT32} value.
   *
   * @param v the value
   * @return the value
   */
  public static GgufValue ofInt32(int v) {
    return ofInteger(GgufValueType.INT32, v);
  }

  /**
   * Creates a {@code FLOAT32} value.
   *
   * @param v the value
   * @return the value
   */
  public static GgufValue ofFloat32(float v) {
    return new GgufValue(GgufValueType.FLOAT32, null, v);
  }

  /**
   * Creates a {@code FLOAT64} value.
   *
   * @param v the value
   * @return the value
   */
  public static GgufValue ofFloat64(double v) {
    return new GgufValue(GgufValueType.FLOAT64, null, v);
  }

  /**
   * Creates a {@code BOOL} value.
   *
   * @param v the value
   * @return the value
   */
  public static GgufValue ofBool(boolean v) {
    return new GgufValue(GgufValueType.BOOL, null, v);
  }

  /**
   * Creates a {@code STRING} value.
   *
   * @param v the string, not null
   * @return the value
   */
  public static GgufValue ofString(String v) {
    return new GgufValue(GgufValueType.STRING, null, Objects.requireNonNull(v, "v"));
  }

  /**
   * Creates an array of integers.
   *
   * @param elementType one of the eight integer types
   * @param v the elements, each in the type's range
   * @return the value
   * @throws IllegalArgumentException if the type is not an integer type or an element is out of range
   */
  public static GgufValue ofIntegerArray(GgufValueType elementType, long... v) {
    if (!elementType.isInteger()) {
      throw new IllegalArgumentException(elementType + " is not an integer type");
    }
    for (long x : v) {
      checkRange(elementType, x);
    }
    return new GgufValue(GgufValueType.ARRAY, elementType, v.clone());
  }

  /**
   * Creates an {@code INT32} array.
   *
   * @param v the elements
   * @return the value
   */
  public static GgufValue ofInt32Array(int... v) {
    return new GgufValue(GgufValueType.ARRAY, GgufValueType.INT32, Arrays.stream(v).asLongStream().toArray());
  }

  /**
   * Creates a {@code FLOAT32} array.
   *
   * @param v the elements
   * @return the value
   */
  public static GgufValue ofFloat32Array(float... v) {
    return new GgufValue(GgufValueType.ARRAY, GgufValueType.FLOAT32, v.clone());
  }

  /**
   * Creates a {@code FLOAT64} array.
   *
   * @param v the elements
   * @return the value
   */
  public static GgufValue ofFloat64Array(double... v) {
    return new GgufValue(GgufValueType.ARRAY, GgufValueType.FLOAT64, v.clone());
  }

  /**
   * Creates a {@code BOOL} array.
   *
   * @param v the elements
   * @return the value
   */
  public static GgufValue ofBoolArray(boolean... v) {
    return new GgufValue(GgufValueType.ARRAY, GgufValueType.BOOL, v.clone());
  }

  /**
   * Creates a {@code STRING} array.
   *
   * @param v the elements, none null
   * @return the value
   */
  public static GgufValue ofStringArray(String... v) {
    for (String s : v) {
      Objects.requireNonNull(s, "array element");
    }
    return new GgufValue(GgufValueType.ARRAY, GgufValueType.STRING, v.clone());
  }

  /**
   * Creates an array of arrays (GGUF allows nesting; every element must itself be an array).
   *
   * @param v the inner arrays
   * @return the value
   * @throws IllegalArgumentException if an element is not an array
   */
  public static GgufValue ofArrayArray(List<GgufValue> v) {
    for (GgufValue e : v) {
      if (e.type != GgufValueType.ARRAY) {
        throw new IllegalArgumentException("nested array element of type " + e.type);
      }
    }
    return new GgufValue(GgufValueType.ARRAY, GgufValueType.ARRAY, List.copyOf(v));
  }

  /** Wraps arrays the reader allocated itself (no copy). */
  static GgufValue wrapArray(GgufValueType elementType, Object array) {
    return new GgufValue(GgufValueType.ARRAY, elementType, array);
  }

  static GgufValue wrapScalar(GgufValueType type, Object v) {
    return new GgufValue(type, null, v);
  }

  private static void checkRange(GgufValueType type, long v) {
    boolean ok;
    switch (type) {
      case UINT8: ok = v >= 0 && v <= 0xFF; break;
      case INT8: ok = v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE; break;
      case UINT16: ok = v >= 0 && v <= 0xFFFF; break;
      case INT16: ok = v >= Short.MIN_VALUE && v <= Short.MAX_VALUE; break;
      case UINT32: ok = v >= 0 && v <= 0xFFFF_FFFFL; break;
      case INT32: ok = v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE; break;
      default: ok = true; // UINT64 (bit pattern) and INT64
    }
    if (!ok) {
      throw new IllegalArgumentException(v + " is out of range for " + type);
    }
  }

  // ---- accessors -------------------------------------------------------------------------------------------------

  /**
   * Returns the declared type.
   *
   * @return the type
   */
  public GgufValueType type() {
    return type;
  }

  /**
   * Returns the element type of an array.
   *
   * @return the element type, or {@code null} when this is not an array
   */
  public GgufValueType elementType() {
    return elementType;
  }

  /**
   * Returns the number of elements of an array.
   *
   * @return the length
   * @throws IllegalStateException if this is not an array
   */
  public int length() {
    requireArray();
    if (value instanceof List<?> l) {
      return l.size();
    }
    return java.lang.reflect.Array.getLength(value);
  }

  /**
   * Returns an integer value of any integer type.
   *
   * @return the value ({@code UINT64}: the bit pattern)
   * @throws IllegalStateException if this is not an integer
   */
  public long asLong() {
    if (!type.isInteger()) {
      throw new IllegalStateException("value of type " + type + " is not an integer");
    }
    return (Long) value;
  }

  /**
   * Returns an integer value that fits an {@code int}.
   *
   * @return the value
   * @throws IllegalStateException if this is not an integer or does not fit an {@code int}
   */
  public int asInt() {
    long v = asLong();
    if (v != (int) v || (type == GgufValueType.UINT64 && v < 0)) {
      throw new IllegalStateException("value " + Long.toUnsignedString(v) + " does not fit an int");
    }
    return (int) v;
  }

  /**
   * Returns a floating-point value; integers and {@code FLOAT64} are converted.
   *
   * @return the value
   * @throws IllegalStateException if this is not a number
   */
  public float asFloat() {
    return (float) asDouble();
  }

  /**
   * Returns a floating-point value; integers and {@code FLOAT32} are converted.
   *
   * @return the value
   * @throws IllegalStateException if this is not a number
   */
  public double asDouble() {
    if (type == GgufValueType.FLOAT32) {
      return (Float) value;
    }
    if (type == GgufValueType.FLOAT64) {
      return (Double) value;
    }
    if (type.isInteger()) {
      return (double) asLong();
    }
    throw new IllegalStateException("value of type " + type + " is not a number");
  }

  /**
   * Returns a boolean value.
   *
   * @return the value
   * @throws IllegalStateException if this is not a {@code BOOL}
   */
  public boolean asBoolean() {
    if (type != GgufValueType.BOOL) {
      throw new IllegalStateException("value of type " + type + " is not a bool");
    }
    return (Boolean) value;
  }

  /**
   * Returns a string value.
   *
   * @return the value
   * @throws IllegalStateException if this is not a {@code STRING}
   */
  public String asString() {
    if (type != GgufValueType.STRING) {
      throw new IllegalStateException("value of type " + type + " is not a string");
    }
    return (String) value;
  }

  /**
   * Returns a copy of an array of integers.
   *
   * @return the elements
   * @throws IllegalStateException if this is not an array of integers
   */
  public long[] asLongArray() {
    return longs().clone();
  }

  /**
   * Returns an array of integers as {@code int}s.
   *
   * @return the elements
   * @throws IllegalStateException if this is not an array of integers or an element does not fit an {@code int}
   */
  public int[] asIntArray() {
    long[] l = longs();
    int[] out = new int[l.length];
    for (int i = 0; i < l.length; i++) {
      if (l[i] != (int) l[i] || (elementType == GgufValueType.UINT64 && l[i] < 0)) {
        throw new IllegalStateException("array element " + i + " = " + l[i] + " does not fit an int");
      }
      out[i] = (int) l[i];
    }
    return out;
  }

  /**
   * Returns an array of numbers as {@code float}s (float32 copied, float64 and integers converted).
   *
   * @return the elements
   * @throws IllegalStateException if this is not an array of numbers
   */
  public float[] asFloatArray() {
    requireArray();
    if (value instanceof float[] f) {
      return f.clone();
    }
    if (value instanceof double[] d) {
      float[] out = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        out[i] = (float) d[i];
      }
      return out;
    }
    if (value instanceof long[] l) {
      float[] out = new float[l.length];
      for (int i = 0; i < l.length; i++) {
        out[i] = l[i];
      }
      return out;
    }
    throw new IllegalStateException("array of " + elementType + " is not numeric");
  }

  /**
   * Returns a copy of a {@code FLOAT64} array (other numeric arrays are converted).
   *
   * @return the elements
   * @throws IllegalStateException if this is not an array of numbers
   */
  public double[] asDoubleArray() {
    if (value instanceof double[] d) {
      return d.clone();
    }
    float[] f = asFloatArray();
    double[] out = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      out[i] = f[i];
    }
    return out;
  }

  /**
   * Returns a copy of a {@code BOOL} array.
   *
   * @return the elements
   * @throws IllegalStateException if this is not an array of booleans
   */
  public boolean[] asBooleanArray() {
    requireArray();
    if (value instanceof boolean[] b) {
      return b.clone();
    }
    throw new IllegalStateException("array of " + elementType + " is not boolean");
  }

  /**
   * Returns a copy of a {@code STRING} array.
   *
   * @return the elements
   * @throws IllegalStateException if this is not an array of strings
   */
  public String[] asStringArray() {
    return strings().clone();
  }

  /**
   * Returns the elements of a nested array.
   *
   * @return the inner arrays, unmodifiable
   * @throws IllegalStateException if this is not an array of arrays
   */
  public List<GgufValue> asArrayList() {
    requireArray();
    if (value instanceof List<?>) {
      @SuppressWarnings("unchecked")
      List<GgufValue> l = (List<GgufValue>) value;
      return l;
    }
    throw new IllegalStateException("array of " + elementType + " is not an array of arrays");
  }

  /** Fast path without copying, for large vocabularies read by this module. */
  String[] strings() {
    requireArray();
    if (value instanceof String[] s) {
      return s;
    }
    throw new IllegalStateException("array of " + elementType + " is not an array of strings");
  }

  long[] longs() {
    requireArray();
    if (value instanceof long[] l) {
      return l;
    }
    throw new IllegalStateException("array of " + elementType + " is not an array of integers");
  }

  Object raw() {
    return value;
  }

  private void requireArray() {
    if (type != GgufValueType.ARRAY) {
      throw new IllegalStateException("value of type " + type + " is not an array");
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof GgufValue v) || type != v.type || elementType != v.elementType) {
      return false;
    }
    return Arrays.deepEquals(new Object[] {value}, new Object[] {v.value});
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(new Object[] {type, elementType, value});
  }

  /** A short form: scalars in full, arrays summarised when longer than 8 elements. */
  @Override
  public String toString() {
    return GgufInspector.describe(this, 8);
  }
}
