package io.llmops.prompt;

import io.llmops.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named, versioned prompt with {@code {{variable}}} placeholders. Rendering requires every variable and rejects
 * unknown ones, so a typo fails loudly instead of sending a half-filled prompt. <code>{{{{}}</code> renders a literal
 * <code>{{</code>.
 *
 * <p>Immutable and thread-safe. A registry of prompts with A/B routing will key templates by {@link #name()} and
 * {@link #version()}.
 *
 * <pre>{@code
 * PromptTemplate t = PromptTemplate.of("support-answer", "3", "Answer {{customer}} politely: {{question}}");
 * String prompt = t.render(Map.of("customer", "Ada", "question", "Where is my order?"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PromptTemplate {
  private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");
  private static final String LITERAL_OPEN = "{{{{}}";

  private final String name;
  private final String version;
  private final String template;
  private final Set<String> variables;

  private PromptTemplate(String name, String version, String template) {
    this.name = Objects.requireNonNull(name, "name");
    this.version = Objects.requireNonNull(version, "version");
    this.template = Objects.requireNonNull(template, "template");
    Set<String> vars = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(template.replace(LITERAL_OPEN, ""));
    while (m.find()) {
      vars.add(m.group(1));
    }
    this.variables = Collections.unmodifiableSet(vars);
  }

  /**
   * Creates a template.
   *
   * @param name a stable name
   * @param version the version of this text (any string, e.g. {@code "3"} or a date)
   * @param template the text with {@code {{variable}}} placeholders
   * @return the template
   */
  public static PromptTemplate of(String name, String version, String template) {
    return new PromptTemplate(name, version, template);
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
   * Returns the version.
   *
   * @return the version
   */
  public String version() {
    return version;
  }

  /**
   * Returns the raw template text.
   *
   * @return the text
   */
  public String template() {
    return template;
  }

  /**
   * Returns the variable names, in order of first appearance.
   *
   * @return an immutable set
   */
  public Set<String> variables() {
    return variables;
  }

  /**
   * Renders the template. Values are inserted as they are (no escaping).
   *
   * @param values one value per variable; {@code toString()} is used
   * @return the rendered text
   * @throws InvalidRequestException if a variable has no value or a value names no variable
   */
  public String render(Map<String, ?> values) {
    List<String> missing = new ArrayList<>();
    for (String v : variables) {
      if (values.get(v) == null) {
        missing.add(v);
      }
    }
    InvalidRequestException.check(missing.isEmpty(),
        "prompt " + name + "@" + version + ": no value for variable(s) " + missing);
    List<String> unknown = new ArrayList<>();
    for (String k : values.keySet()) {
      if (!variables.contains(k)) {
        unknown.add(k);
      }
    }
    InvalidRequestException.check(unknown.isEmpty(),
        "prompt " + name + "@" + version + ": unknown variable(s) " + unknown + "; it has " + variables);
    StringBuilder out = new StringBuilder(template.length() + 64);
    String[] parts = template.split(Pattern.quote(LITERAL_OPEN), -1);
    for (int p = 0; p < parts.length; p++) {
      if (p > 0) {
        out.append("{{");
      }
      Matcher m = VARIABLE.matcher(parts[p]);
      int last = 0;
      while (m.find()) {
        out.append(parts[p], last, m.start()).append(values.get(m.group(1)));
        last = m.end();
      }
      out.append(parts[p], last, parts[p].length());
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PromptTemplate && name.equals(((PromptTemplate) o).name)
        && version.equals(((PromptTemplate) o).version) && template.equals(((PromptTemplate) o).template);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, version, template);
  }

  @Override
  public String toString() {
    return "PromptTemplate{" + name + "@" + version + ", variables=" + variables + '}';
  }
}
