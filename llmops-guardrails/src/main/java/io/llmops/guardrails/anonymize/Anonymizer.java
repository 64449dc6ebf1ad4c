package io.llmops.guardrails.anonymize;

import io.llmops.guardrails.pii.PiiAnalyzer;
import io.llmops.guardrails.pii.PiiEntity;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces the personal data a {@link PiiAnalyzer} finds, with one {@link Operator} per entity type (a default for
 * the rest), and restores placeholders in answers through its {@link Vault}.
 * <pre>{@code
 * Anonymizer a = Anonymizer.builder().operator("CREDIT_CARD", Operator.mask(4)).build();
 * AnonymizedText t = a.anonymize("Mail jane@doe.com", "conv-1");   // "Mail <EMAIL_1>"
 * String answer = a.deanonymize("conv-1", "Sent to <EMAIL_1>.");   // "Sent to jane@doe.com."
 * }</pre>
 *
 * <p>Thread-safe; build once and share.
 *
 * @since 0.1.0
 */
public final class Anonymizer {
  private final PiiAnalyzer analyzer;
  private final Map<String, Operator> operators;
  private final Operator defaultOperator;
  private final Vault vault;

  private Anonymizer(Builder b) {
    analyzer = b.analyzer;
    operators = Map.copyOf(b.operators);
    defaultOperator = b.defaultOperator;
    vault = b.vault;
  }

  /**
   * Returns a builder: default analyzer, placeholders for every type, a fresh vault.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these settings (sharing the same vault).
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.analyzer = analyzer;
    b.operators.putAll(operators);
    b.defaultOperator = defaultOperator;
    b.vault = vault;
    return b;
  }

  /**
   * Returns the analyzer.
   *
   * @return the analyzer
   */
  public PiiAnalyzer analyzer() {
    return analyzer;
  }

  /**
   * Returns the vault holding this anonymizer's placeholders.
   *
   * @return the vault
   */
  public Vault vault() {
    return vault;
  }

  /**
   * Finds and replaces personal data.
   *
   * @param text the text
   * @param conversationId the conversation placeholders are numbered in (empty for none)
   * @return the anonymized text and the entities found
   */
  public AnonymizedText anonymize(String text, String conversationId) {
    return apply(text, analyzer.analyze(text), conversationId);
  }

  /**
   * Replaces given entities (e.g. found earlier by the same analyzer).
   *
   * @param text the text the entities were found in
   * @param entities non-overlapping entities ordered by start
   * @param conversationId the conversation
   * @return the anonymized text
   */
  public AnonymizedText apply(String text, List<PiiEntity> entities, String conversationId) {
    Objects.requireNonNull(conversationId, "conversationId");
    if (entities.isEmpty()) {
      return new AnonymizedText(text, List.of());
    }
    StringBuilder sb = new StringBuilder(text.length());
    int pos = 0;
    for (PiiEntity e : entities) {
      if (e.start() < pos) {
        throw new IllegalArgumentException("entities overlap or are not ordered at offset " + e.start());
      }
      sb.append(text, pos, e.start());
      sb.append(replacement(e.type(), e.textIn(text), conversationId));
      pos = e.end();
    }
    sb.append(text, pos, text.length());
    return new AnonymizedText(sb.toString(), entities);
  }

  /**
   * Restores the conversation's placeholders in a text.
   *
   * @param conversationId the conversation
   * @param text e.g. the model's answer
   * @return the text with originals back
   */
  public String deanonymize(String conversationId, String text) {
    return vault.restore(conversationId, text);
  }

  private String replacement(String type, String value, String conversationId) {
    Operator op = operators.getOrDefault(type, defaultOperator);
    if (op instanceof Operator.Redact) {
      return "<" + type + ">";
    } else if (op instanceof Operator.Mask) {
      Operator.Mask m = (Operator.Mask) op;
      return mask(value, m.keepLast(), m.maskChar());
    } else if (op instanceof Operator.Hash) {
      return "<" + type + ":" + hmac(((Operator.Hash) op).salt(), value) + ">";
    } else {
      return vault.placeholderFor(conversationId, type, value);
    }
  }

  /** Masks letters and digits, keeping separators so the shape stays readable, and the last {@code keep} of them. */
  static String mask(String value, int keep, char maskChar) {
    int alnum = 0;
    for (int i = 0; i < value.length(); i++) {
      if (Character.isLetterOrDigit(value.charAt(i))) {
        alnum++;
      }
    }
    StringBuilder sb = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        seen++;
        sb.append(seen > alnum - keep ? c : maskChar);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static String hmac(String salt, String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] d = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JRE", e);
    }
  }

  @Override
  public String toString() {
    return "Anonymizer{" + analyzer + ", operators=" + operators.keySet() + ", " + vault + '}';
  }

  /**
   * Builds {@link Anonymizer}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private PiiAnalyzer analyzer;
    private final Map<String, Operator> operators = new HashMap<>();
    private Operator defaultOperator = Operator.placeholder();
    private Vault vault;

    private Builder() {}

    /**
     * Sets the analyzer.
     *
     * @param analyzer the analyzer
     * @return this builder
     */
    public Builder analyzer(PiiAnalyzer analyzer) {
      this.analyzer = Objects.requireNonNull(analyzer, "analyzer");
      return this;
    }

    /**
     * Sets the operator for one type.
     *
     * @param type the entity type
     * @param operator the operator
     * @return this builder
     */
    public Builder operator(String type, Operator operator) {
      operators.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(operator, "operator"));
      return this;
    }

    /**
     * Sets the operator for types without their own.
     *
     * @param operator the operator
     * @return this builder
     */
    public Builder defaultOperator(Operator operator) {
      this.defaultOperator = Objects.requireNonNull(operator, "operator");
      return this;
    }

    /**
     * Sets the vault (e.g. one shared with another anonymizer).
     *
     * @param vault the vault
     * @return this builder
     */
    public Builder vault(Vault vault) {
      this.vault = Objects.requireNonNull(vault, "vault");
      return this;
    }

    /**
     * Builds.
     *
     * @return the anonymizer
     */
    public Anonymizer build() {
      if (analyzer == null) {
        analyzer = PiiAnalyzer.defaults();
      }
      if (vault == null) {
        vault = Vault.create();
      }
      return new Anonymizer(this);
    }
  }
}
