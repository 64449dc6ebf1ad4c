package io.llmops.guardrails.content;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailResult;
import java.util.List;

/** The verdict every content rail gives for an action, so they all behave alike. */
final class Rails {
  private Rails() {}

  static GuardrailResult verdict(String rail, GuardrailAction action, String reason, List<Finding> findings,
      String rewritten) {
    if (findings.isEmpty()) {
      return GuardrailResult.pass(rail);
    }
    switch (action) {
      case BLOCK:
        return GuardrailResult.fail(rail, reason, findings);
      case REDACT:
        return rewritten != null ? GuardrailResult.rewrite(rail, rewritten, findings)
            : GuardrailResult.fail(rail, reason, findings);
      default:
        return GuardrailResult.pass(rail, findings);
    }
  }
}
