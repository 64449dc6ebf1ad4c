package io.llmops.runtime.cpu.tensor;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector species shared by the Vector API kernels. Loaded only when {@code jdk.incubator.vector} is present (see
 * {@link Kernels}).
 *
 * <p>The kernels use the preferred float species {@link #F} (512 bits on AVX-512, 256 on AVX2) and a byte species
 * {@link #B} with the same lane count, so that one byte load widens to exactly one float vector ({@code castShape}
 * part 0, which C2 compiles to a sign-extension and a conversion). Species of 8 or 16 float lanes are supported; on
 * narrower vectors (128-bit NEON) the scalar kernels are used.
 */
final class VectorKernels {

  static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

  /** Bytes with as many lanes as {@link #F}; null when unsupported (see {@link #unsupportedReason()}). */
  static final VectorSpecies<Byte> B =
      supportedLanes(F.length()) ? VectorSpecies.of(byte.class, VectorShape.forBitSize(F.length() * 8)) : null;

  /** Shorts with as many lanes as {@link #F} (F16 and BF16 rows). */
  static final VectorSpecies<Short> S =
      supportedLanes(F.length()) ? VectorSpecies.of(short.class, VectorShape.forBitSize(F.length() * 16)) : null;

  /** Ints of the same shape as {@link #F}. */
  static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  private VectorKernels() {}

  private static boolean supportedLanes(int lanes) {
    return lanes == 8 || lanes == 16;
  }

  /** Returns why these kernels cannot run here, or null if they can. */
  static String unsupportedReason() {
    if (!supportedLanes(F.length())) {
      return "the preferred float vector has " + F.length() + " lanes (" + F.vectorBitSize()
          + " bits); the kernels need 8 or 16";
    }
    // The kernels read weights with ByteVector.fromByteBuffer (the only way on Java 17). JDK 22 removed it in favour
    // of fromMemorySegment, so there every kernel call would fail with NoSuchMethodError: detect it up front.
    try {
      ByteVector.class.getMethod("fromByteBuffer", VectorSpecies.class, java.nio.ByteBuffer.class, int.class,
          java.nio.ByteOrder.class);
    } catch (NoSuchMethodException e) {
      return "this JDK's Vector API has no ByteVector.fromByteBuffer (removed in JDK 22; the kernels target the"
          + " Java 17 API)";
    }
    return null;
  }

  static String describe() {
    return F.vectorBitSize() + "-bit vectors (" + F.length() + " float lanes)";
  }

  /** Widens {@link #B} signed bytes to {@link #F} floats. */
  static FloatVector bytesToFloats(ByteVector bytes) {
    return (FloatVector) bytes.castShape(F, 0);
  }
}
