package io.llmops.guardrail;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict of one guardrail (or a whole pipeline) on one text. Immutable and thread-safe.
 *
 * <ul>
 *   <li>{@link Outcome#PASS}: the text goes on unchanged (findings may still be recorded, e.g. flagged for review);
 *   <li>{@link Outcome#REWRITE}: the text goes on as {@link #rewrittenText()} (e.g. with PII redacted);
 *   <li>{@link Outcome#FAIL}: the text is rejected; later rails may still run to collect findings;
 *   <li>{@link Outcome#FATAL}: the text is rejected and nothing else runs.
 * </ul>
 *
 * @since 0.1.0
 */
public final class GuardrailResult {

  /**
   * The kind of verdict.
   *
   * @since 0.1.0
   */
  public enum Outcome {
    /** Accepted unchanged. */
    PASS,
    /** Accepted with a rewritten text. */
    REWRITE,
    /** Rejected. */
    FAIL,
    /** Rejected; stop the pipeline at once. */
    FATAL
  }

  private final String guardrail;
  private final Outcome outcome;
  private final String rewrittenText;
  private final List<Finding> findings;
  private final String reason;

  private GuardrailResult(String guardrail, Outcome outcome, String rewrittenText, List<Finding> findings,
      String reason) {
    this.guardrail = Objects.requireNonNull(guardrail, "guardrail");
    this.outcome = outcome;
    this.rewrittenText = rewrittenText;
    this.findings = List.copyOf(findings);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /**
   * Creates a passing result with no findings.
   *
   * @param guardrail the guardrail's name
   * @return the result
   */
  public static GuardrailResult pass(String guardrail) {
    return new GuardrailResult(guardrail, Outcome.PASS, null, List.of(), "");
  }

  /**
   * Creates a passing result that records findings (e.g. allowed or flagged for review).
   *
   * @param guardrail the guardrail's name
   * @param findings what was found
   * @return the result
   */
  public static GuardrailResult pass(String guardrail, List<Finding> findings) {
    return new GuardrailResult(guardrail, Outcome.PASS, null, findings, "");
  }

  /**
   * Creates a result that replaces the text.
   *
   * @param guardrail the guardrail's name
   * @param rewrittenText the text to use instead
   * @param findings what was found
   * @return the result
   */
  public static GuardrailResult rewrite(String guardrail, String rewrittenText, List<Finding> findings) {
    return new GuardrailResult(guardrail, Outcome.REWRITE, Objects.requireNonNull(rewrittenText, "rewrittenText"),
        findings, "");
  }

  /**
   * Creates a rejecting result.
   *
   * @param guardrail the guardrail's name
   * @param reason why, safe to show and log (no matched text)
   * @param findings what was found
   * @return the result
   */
  public static GuardrailResult fail(String guardrail, String reason, List<Finding> findings) {
    return new GuardrailResult(guardrail, Outcome.FAIL, null, findings, reason);
  }

  /**
   * Creates a rejecting result that stops the pipeline.
   *
   * @param guardrail the guardrail's name
   * @param reason why, safe to show and log
   * @param findings what was found
   * @return the result
   */
  public static GuardrailResult fatal(String guardrail, String reason, List<Finding> findings) {
    return new GuardrailResult(guardrail, Outcome.FATAL, null, findings, reason);
  }

  /**
   * Returns the name of the guardrail (or pipeline) that decided.
   *
   * @return the name
   */
  public String guardrail() {
    return guardrail;
  }

  /**
   * Returns the verdict.
   *
   * @return the outcome
   */
  public Outcome outcome() {
    return outcome;
  }

  /**
   * Returns whether the text may go on ({@link Outcome#PASS} or {@link Outcome#REWRITE}).
   *
   * @return {@code true} if accepted
   */
  public boolean isAccepted() {
    return outcome == Outcome.PASS || outcome == Outcome.REWRITE;
  }

  /**
   * Returns the replacement text of a {@link Outcome#REWRITE}.
   *
   * @return the text, empty for other outcomes
   */
  public Optional<String> rewrittenText() {
    return Optional.ofNullable(rewrittenText);
  }

  /**
   * Returns the text to pass on: the rewritten text if any, else the original.
   *
   * @param original the text that was checked
   * @return the text to use
   */
  public String textOr(String original) {
    return rewrittenText != null ? rewrittenText : original;
  }

  /**
   * Returns the findings.
   *
   * @return an immutable list
   */
  public List<Finding> findings() {
    return findings;
  }

  /**
   * Returns the strongest action among the findings ({@link GuardrailAction#BLOCK} for a rejection without
   * findings, {@link GuardrailAction#ALLOW} when there is nothing).
   *
   * @return the action
   */
  public GuardrailAction action() {
    GuardrailAction a = isAccepted() ? GuardrailAction.ALLOW : GuardrailAction.BLOCK;
    for (Finding f : findings) {
      a = a.max(f.action());
    }
    return a;
  }

  /**
   * Returns the explanation of a rejection.
   *
   * @return the reason, empty when accepted
   */
  public String reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "GuardrailResult{" + guardrail + ", " + outcome + ", findings=" + findings + (reason.isEmpty() ? ""
        : ", reason=" + reason) + '}';
  }
}
