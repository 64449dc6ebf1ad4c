package io.llmops.guardrails.output;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.OutputGuardrail;
import io.llmops.guardrails.internal.TextNormalizer;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Detects answers in which the model refuses or deflects ("I'm sorry, but I can't help with that", "As an AI
 * language model…", "Je ne peux pas…", "Ich kann Ihnen dabei nicht helfen", "No puedo ayudarte con eso"), usually to
 * flag them for review: a refusal to a legitimate question is a quality problem. Only the opening of the answer
 * (first 300 chars) is read: refusals come first. Thread-safe.
 *
 * @since 0.1.0
 */
public final class RefusalGuardrail implements OutputGuardrail {
  private static final Pattern REFUSAL = Pattern.compile("\\b(?:i(?:'m| am) (?:sorry|afraid),? (?:but )?i (?:can(?:'t|not)|"
      + "won't|am (?:not able|unable))|i (?:can(?:'t|not)|won't|am (?:not able|unable) to) (?:help|assist|provide|"
      + "comply|do that|answer|fulfil)|as an ai(?: language model)?,? i|i'm not able to (?:help|provide|assist)|"
      + "(?:je suis desole|desole),? (?:mais )?je ne (?:peux|suis pas en mesure)|je ne peux pas (?:vous |t')?(?:aider|"
      + "repondre|fournir)|en tant qu'(?:ia|intelligence artificielle)|es tut mir leid,? (?:aber )?ich kann|ich kann "
      + "(?:ihnen |dir )?(?:dabei )?nicht (?:helfen|behilflich)|als ki(?:-sprachmodell)?|lo siento,? (?:pero )?no "
      + "puedo|no puedo (?:ayudarte|ayudarle|proporcionar|responder)|como (?:una )?ia)");
  private final GuardrailAction action;

  private RefusalGuardrail(GuardrailAction action) {
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * Creates the rail.
   *
   * @param action what to do with a refusal (usually {@code REVIEW})
   * @return the rail
   */
  public static RefusalGuardrail of(GuardrailAction action) {
    return new RefusalGuardrail(action);
  }

  /**
   * Returns whether a text opens with a refusal.
   *
   * @param text the answer
   * @return {@code true} if it refuses
   */
  public static boolean isRefusal(String text) {
    String head = TextNormalizer.fold(text.length() > 300 ? text.substring(0, 300) : text);
    return REFUSAL.matcher(head).find();
  }

  @Override
  public String name() {
    return "refusal";
  }

  @Override
  public boolean checksPartialText() {
    return false;
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    if (!isRefusal(text)) {
      return GuardrailResult.pass(name());
    }
    Finding f = new Finding("REFUSAL", -1, -1, 0.9, action, "refusal_phrase");
    return action == GuardrailAction.BLOCK ? GuardrailResult.fail(name(), "the model refused", List.of(f))
        : GuardrailResult.pass(name(), List.of(f));
  }

  @Override
  public String toString() {
    return "RefusalGuardrail{" + action + '}';
  }
}
