package io.llmops.eval.store;

import io.llmops.model.ModelInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which model produced a run: its name, the SHA-256 of its weights file (so two runs on "the same" name but different
 * files are told apart), its quantization and the runtime. Immutable and thread-safe.
 *
 * @param name the model's name
 * @param fileSha256 lower-case hex SHA-256 of the model file, empty when there is no file (a remote model)
 * @param quantization the dominant weight type, e.g. {@code "Q8_0"}, empty when unknown
 * @param runtime the runtime that served it, e.g. {@code "cpu"}, empty when unknown
 * @since 0.1.0
 */
public record ModelIdentity(String name, String fileSha256, String quantization, String runtime) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public ModelIdentity {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fileSha256, "fileSha256");
    Objects.requireNonNull(quantization, "quantization");
    Objects.requireNonNull(runtime, "runtime");
  }

  /**
   * Describes a model by name only (for remote models or tests).
   *
   * @param name the name
   * @return the identity
   */
  public static ModelIdentity named(String name) {
    return new ModelIdentity(name, "", "", "");
  }

  /**
   * Describes a loaded model and hashes its file.
   *
   * @param info the model's info
   * @param file the weights file it was loaded from
   * @return the identity
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ModelIdentity of(ModelInfo info, Path file) {
    return new ModelIdentity(info.name(), sha256(file), info.quantization(), info.runtime());
  }

  /**
   * Returns the SHA-256 of a file.
   *
   * @param file the file
   * @return lower-case hex
   * @throws UncheckedIOException if the file cannot be read
   */
  public static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        sha.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
