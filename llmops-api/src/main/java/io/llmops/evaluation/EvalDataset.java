package io.llmops.evaluation;

import io.llmops.InvalidRequestException;
import io.llmops.model.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * A named list of {@link EvalCase}s, versioned by the SHA-256 of its content: two datasets with the same cases have
 * the same {@link #version()}, and any change to a case changes it. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class EvalDataset {
  private final String name;
  private final List<EvalCase> cases;
  private final String version;

  private EvalDataset(String name, List<EvalCase> cases) {
    this.name = Objects.requireNonNull(name, "name");
    this.cases = List.copyOf(cases);
    Set<String> ids = new HashSet<>();
    for (EvalCase c : this.cases) {
      InvalidRequestException.check(ids.add(c.id()), "dataset " + name + ": duplicate case id " + c.id());
    }
    this.version = contentHash(this.cases);
  }

  /**
   * Creates a dataset.
   *
   * @param name the name
   * @param cases the cases, ids unique
   * @return the dataset
   * @throws InvalidRequestException if two cases share an id
   */
  public static EvalDataset of(String name, List<EvalCase> cases) {
    return new EvalDataset(name, cases);
  }

  /**
   * Returns the name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the cases in order.
   *
   * @return an immutable list
   */
  public List<EvalCase> cases() {
    return cases;
  }

  /**
   * Returns the number of cases.
   *
   * @return the count
   */
  public int size() {
    return cases.size();
  }

  /**
   * Returns the content hash: lower-case hex SHA-256 over every field of every case, in order.
   *
   * @return 64 hex characters
   */
  public String version() {
    return version;
  }

  private static String contentHash(List<EvalCase> cases) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
    for (EvalCase c : cases) {
      field(sha, c.id());
      field(sha, c.input());
      for (ChatMessage m : c.messages()) {
        field(sha, m.role().templateName());
        field(sha, m.content());
      }
      field(sha, c.expected());
      for (Map.Entry<String, String> e : new TreeMap<>(c.metadata()).entrySet()) {
        field(sha, e.getKey());
        field(sha, e.getValue());
      }
      for (String t : new java.util.TreeSet<>(c.tags())) {
        field(sha, t);
      }
      sha.update((byte) 0x1e);
    }
    StringBuilder hex = new StringBuilder(64);
    for (byte b : sha.digest()) {
      hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return hex.toString();
  }

  /** Length-prefixed, so that ("ab","c") and ("a","bc") hash differently. */
  private static void field(MessageDigest sha, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16), (byte) (bytes.length >>> 8),
        (byte) bytes.length});
    sha.update(bytes);
  }

  @Override
  public String toString() {
    return "EvalDataset{" + name + ", cases=" + cases.size() + ", version=" + version.substring(0, 12) + '}';
  }
}
