package io.llmops.guardrails.anonymize;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import io.llmops.guardrail.OutputGuardrail;
import io.llmops.guardrails.pii.PiiEntity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A rail for personal data, in both directions. On input with {@link GuardrailAction#REDACT} it rewrites the prompt
 * through its {@link Anonymizer} (placeholders by default, so the answer can be de-anonymized through {@link
 * #vault()}); on output it catches PII leaking in the answer. Other actions: {@code BLOCK} rejects, {@code REVIEW}
 * passes and flags, {@code ALLOW} only records. Findings carry type, span and score, never the value.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class PiiGuardrail implements InputGuardrail, OutputGuardrail {
  private final Anonymizer anonymizer;
  private final GuardrailAction action;
  private final String name;

  private PiiGuardrail(String name, Anonymizer anonymizer, GuardrailAction action) {
    this.name = name;
    this.anonymizer = Objects.requireNonNull(anonymizer, "anonymizer");
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * Returns an input rail that replaces PII with conversation-consistent placeholders.
   *
   * @param anonymizer the anonymizer (its vault restores the answer)
   * @return the rail
   */
  public static PiiGuardrail redactingInput(Anonymizer anonymizer) {
    return new PiiGuardrail("pii", anonymizer, GuardrailAction.REDACT);
  }

  /**
   * Returns an output rail for PII leaking in answers.
   *
   * @param anonymizer the anonymizer whose operators rewrite the answer for {@code REDACT}
   * @param action what to do: {@code REDACT}, {@code BLOCK}, {@code REVIEW} or {@code ALLOW}
   * @return the rail
   */
  public static PiiGuardrail outputLeak(Anonymizer anonymizer, GuardrailAction action) {
    return new PiiGuardrail("pii_leak", anonymizer, action);
  }

  /**
   * Returns a rail with a given action.
   *
   * @param anonymizer the anonymizer
   * @param action the action on findings
   * @return the rail
   */
  public static PiiGuardrail of(Anonymizer anonymizer, GuardrailAction action) {
    return new PiiGuardrail("pii", anonymizer, action);
  }

  /**
   * Returns the vault that restores placeholders.
   *
   * @return the anonymizer's vault
   */
  public Vault vault() {
    return anonymizer.vault();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    List<PiiEntity> entities = anonymizer.analyzer().analyze(text);
    if (entities.isEmpty()) {
      return GuardrailResult.pass(name);
    }
    List<Finding> findings = new ArrayList<>(entities.size());
    for (PiiEntity e : entities) {
      findings.add(new Finding(e.type(), e.start(), e.end(), e.score(), action, e.recognizer()));
    }
    switch (action) {
      case REDACT:
        return GuardrailResult.rewrite(name, anonymizer.apply(text, entities, context.conversationId()).text(),
            findings);
      case BLOCK:
        return GuardrailResult.fail(name, "personal data found: " + types(entities), findings);
      default:
        return GuardrailResult.pass(name, findings);
    }
  }

  private static String types(List<PiiEntity> entities) {
    return entities.stream().map(PiiEntity::type).distinct().sorted().reduce((a, b) -> a + "," + b).orElse("");
  }

  @Override
  public String toString() {
    return "PiiGuardrail{" + name + ", " + action + '}';
  }
}
