package io.llmops.guardrails.output;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import io.llmops.guardrail.OutputGuardrail;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression the text must match in full ({@link #mustMatch}) or must not contain ({@link #mustNotContain},
 * which also judges partial answers while they stream). Thread-safe.
 *
 * @since 0.1.0
 */
public final class RegexGuardrail implements InputGuardrail, OutputGuardrail {
  private final String name;
  private final Pattern pattern;
  private final boolean required;
  private final GuardrailAction action;

  private RegexGuardrail(String name, Pattern pattern, boolean required, GuardrailAction action) {
    this.name = Objects.requireNonNull(name, "name");
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.required = required;
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * Returns a rail requiring the whole text to match.
   *
   * @param name the rail's name, used in findings
   * @param pattern the pattern
   * @param action what to do when it does not match
   * @return the rail
   */
  public static RegexGuardrail mustMatch(String name, Pattern pattern, GuardrailAction action) {
    return new RegexGuardrail(name, pattern, true, action);
  }

  /**
   * Returns a rail forbidding the pattern anywhere in the text ({@code REDACT} replaces matches with
   * {@code <REDACTED>}).
   *
   * @param name the rail's name
   * @param pattern the pattern
   * @param action what to do with a match
   * @return the rail
   */
  public static RegexGuardrail mustNotContain(String name, Pattern pattern, GuardrailAction action) {
    return new RegexGuardrail(name, pattern, false, action);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean checksPartialText() {
    return !required;
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    if (required) {
      if (pattern.matcher(text.strip()).matches()) {
        return GuardrailResult.pass(name);
      }
      Finding f = new Finding("PATTERN_MISMATCH", -1, -1, 1.0, action, name);
      return action == GuardrailAction.BLOCK || action == GuardrailAction.REDACT
          ? GuardrailResult.fail(name, "answer does not match the required format", List.of(f))
          : GuardrailResult.pass(name, List.of(f));
    }
    Matcher m = pattern.matcher(text);
    if (!m.find()) {
      return GuardrailResult.pass(name);
    }
    Finding f = new Finding("FORBIDDEN_PATTERN", m.start(), m.end(), 1.0, action, name);
    switch (action) {
      case REDACT:
        return GuardrailResult.rewrite(name, pattern.matcher(text).replaceAll("<REDACTED>"), List.of(f));
      case BLOCK:
        return GuardrailResult.fail(name, "forbidden pattern " + name, List.of(f));
      default:
        return GuardrailResult.pass(name, List.of(f));
    }
  }

  @Override
  public String toString() {
    return "RegexGuardrail{" + name + ", required=" + required + '}';
  }
}
