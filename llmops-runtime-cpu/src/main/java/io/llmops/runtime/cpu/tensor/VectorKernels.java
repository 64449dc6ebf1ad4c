package io.llmops.runtime.cpu.tensor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

  /**
   * {@code F.length()} as a compile-time constant: loops bounded by it (the pieces of a block) are folded while C2
   * parses, so the code for the other vector width costs no part of the kernel's inlining budget.
   */
  static final int LANES = F.length();

  /** Bytes of the same shape as {@link #F}: {@code reinterpretAsFloats} gives F32 elements staged as bytes. */
  static final VectorSpecies<Byte> BF = VectorSpecies.of(byte.class, F.vectorShape());

  /** Bytes of the same shape as {@link #S}: {@code reinterpretAsShorts} gives 16-bit elements staged as bytes. */
  static final VectorSpecies<Byte> BS = S == null ? null : VectorSpecies.of(byte.class, S.vectorShape());

  /** Ints of the same shape as {@link #F}. */
  static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, F.vectorShape());

  /** Per-thread staging buffer for weight rows, see {@link #rows}. */
  private static final ThreadLocal<byte[]> STAGING = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

  private VectorKernels() {}

  /**
   * Copies {@code length} bytes of {@code w} from {@code offset} into this thread's staging array and returns it;
   * the bytes start at index 0. Valid until the next call on the same thread.
   *
   * <p>Why: on Java 17, {@code ByteVector.fromByteBuffer} on a direct (mapped) buffer is compiled with memory
   * barriers around each load, because C2 cannot prove the buffer's base is off-heap; a kernel that loads two
   * vectors per block from the mapped file ran at half the speed of the same kernel reading a {@code byte[]}. One
   * bulk copy per group of rows (a {@code memcpy} into an array that stays in L1/L2) and array loads in the kernel
   * measured 1.4-1.8x faster than loading from the buffer. It also keeps the kernels off the buffer API of the
   * Vector API, which JDK 22 replaced ({@code fromByteBuffer} became {@code fromMemorySegment}): the same classes run
   * vectorised on Java 17 and on Java 21+.
   *
   * <p>The copy goes in pieces of about {@link #COPY_PIECE} bytes ({@link #copyPiece}): on the reference machine a
   * 17 KB group of Q8_0 rows copied from the mapping in one {@code get} moved 24-25 GB/s and the same bytes in 2 KB
   * pieces 34-35 GB/s, on Java 17 and 25 alike. The cause is not established (raising {@code -XX:AVX3Threshold},
   * which moves large copies from the copy stub's 64-byte loop to its 32-byte one, changed neither figure). A 4096 x
   * 4096 Q8_0 decode mat-vec took 7-16% less time; see {@code benchmarks/PERFORMANCE.md}.
   */
  static byte[] rows(ByteBuffer w, int offset, int length) {
    byte[] s = STAGING.get();
    if (s.length < length) {
      s = new byte[Math.max(length, 2 * s.length)];
      STAGING.set(s);
    }
    int piece = copyPiece(length);
    for (int done = 0; done < length; done += piece) {
      w.get(offset + done, s, done, Math.min(piece, length - done));
    }
    return s;
  }

  /** Target size of one bulk copy in {@link #rows}: pieces of 2-3 KB measured fastest, 1 KB and 4 KB or more slower. */
  static final int COPY_PIECE = 2560;

  /**
   * The size of each piece when {@code length} bytes are staged: as many pieces as {@link #COPY_PIECE} requires, of
   * equal size rounded up to whole 64-byte cache lines (so at most {@code COPY_PIECE + 63} bytes). Equal pieces,
   * because a short remainder cost time: two Q4_0 rows (4608 bytes) copied as 2048 + 2048 + 512 bytes made the mat-vec
   * 10-20% slower than one copy, where two pieces of 2304 do not.
   */
  static int copyPiece(int length) {
    int pieces = Math.max(1, (length + COPY_PIECE - 1) / COPY_PIECE);
    int piece = (length + pieces - 1) / pieces;
    return Math.max(64, (piece + 63) & ~63);
  }

  /** Little-endian 16-bit loads from a {@code byte[]}: one {@code movzwl} where two byte loads took seven. */
  private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * The F16 at {@code a[i]}, {@code a[i + 1]} (little-endian), widened. One 16-bit load and a table lookup: in the
   * Q8_0 four-row kernel this (with the block's two halves written out for 16 lanes) took the arithmetic of a
   * 4096 x 4096 mat-vec on already staged rows from 650-760 to 490-520 us on Java 17 and from 430-445 to 385-395 us
   * on Java 25 (see {@code benchmarks/PERFORMANCE.md}).
   */
  static float half(byte[] a, int i) {
    return HalfFloats.toFloat((short) SHORTS.get(a, i));
  }

  private static boolean supportedLanes(int lanes) {
    return lanes == 8 || lanes == 16;
  }

  /** Returns why these kernels cannot run here, or null if they can. */
  static String unsupportedReason() {
    if (!supportedLanes(F.length())) {
      return "the preferred float vector has " + F.length() + " lanes (" + F.vectorBitSize()
          + " bits); the kernels need 8 or 16";
    }
    // Weights are staged as bytes and reinterpreted as floats or shorts in the CPU's byte order; GGUF is little-endian.
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      return "the CPU is big-endian (the kernels reinterpret little-endian GGUF bytes in place)";
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
