package io.llmops.guardrails.content;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import io.llmops.guardrail.OutputGuardrail;
import io.llmops.model.Embedding;
import io.llmops.model.EmbeddingModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Banned topics by meaning: each topic is described by one or more sentences; a text whose sentence-encoder
 * embedding has cosine similarity at or above the threshold with a topic's description is on that topic. Findings
 * name the topic (configuration, not user text). Thread-safe once built; the encoder is called once per check.
 *
 * @since 0.1.0
 */
public final class BannedTopicGuardrail implements InputGuardrail, OutputGuardrail {
  private final EmbeddingModel encoder;
  private final Map<String, List<Embedding>> topics;
  private final double threshold;
  private final GuardrailAction action;

  private BannedTopicGuardrail(EmbeddingModel encoder, Map<String, List<String>> descriptions, double threshold,
      GuardrailAction action) {
    this.encoder = Objects.requireNonNull(encoder, "encoder");
    this.threshold = threshold;
    this.action = Objects.requireNonNull(action, "action");
    Map<String, List<Embedding>> t = new LinkedHashMap<>();
    descriptions.forEach((name, texts) -> {
      List<Embedding> es = new ArrayList<>();
      texts.forEach(x -> es.add(encoder.embed(x)));
      t.put(name, List.copyOf(es));
    });
    this.topics = Map.copyOf(t);
  }

  /**
   * Creates the rail.
   *
   * @param encoder the sentence encoder
   * @param descriptions topic name to describing sentences, e.g. {@code "politics" -> ["elections and political
   *     parties", ...]}
   * @param threshold cosine similarity at or above which a text is on a topic (≈0.45–0.55 for MiniLM)
   * @param action what to do
   * @return the rail
   */
  public static BannedTopicGuardrail of(EmbeddingModel encoder, Map<String, List<String>> descriptions,
      double threshold, GuardrailAction action) {
    return new BannedTopicGuardrail(encoder, descriptions, threshold, action);
  }

  @Override
  public String name() {
    return "banned_topic";
  }

  @Override
  public boolean checksPartialText() {
    return false; // a few words of an answer do not tell its topic
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    Embedding e = encoder.embed(text);
    List<Finding> findings = new ArrayList<>();
    GuardrailAction a = action == GuardrailAction.REDACT ? GuardrailAction.BLOCK : action;
    topics.forEach((name, es) -> {
      double best = es.stream().mapToDouble(x -> x.cosineSimilarity(e)).max().orElse(0);
      if (best >= threshold) {
        findings.add(new Finding("BANNED_TOPIC", -1, -1, Math.max(0, Math.min(1, best)), a, "topic=" + name));
      }
    });
    return Rails.verdict(name(), a, "banned topic", findings, null);
  }

  @Override
  public String toString() {
    return "BannedTopicGuardrail{topics=" + topics.keySet() + ", threshold=" + threshold + '}';
  }
}
