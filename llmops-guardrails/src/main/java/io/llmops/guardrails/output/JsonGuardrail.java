package io.llmops.guardrails.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.OutputGuardrail;
import java.util.ArrayList;
import java.util.List;

/**
 * Requires the answer to be one JSON document (a Markdown {@code ```json} fence around it is tolerated), optionally
 * valid against a JSON Schema (draft 2020-12, networknt json-schema-validator). Findings name the failing schema
 * paths and keywords, never values. Judges whole answers only. Thread-safe.
 *
 * @since 0.1.0
 */
public final class JsonGuardrail implements OutputGuardrail {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Schema schema;
  private final GuardrailAction action;

  private JsonGuardrail(Schema schema, GuardrailAction action) {
    this.schema = schema;
    this.action = action;
  }

  /**
   * Returns a rail requiring well-formed JSON.
   *
   * @param action what to do with anything else ({@code BLOCK} or {@code REVIEW})
   * @return the rail
   */
  public static JsonGuardrail wellFormed(GuardrailAction action) {
    return new JsonGuardrail(null, action);
  }

  /**
   * Returns a rail requiring JSON valid against a schema.
   *
   * @param schemaJson the schema document (draft 2020-12 unless it says otherwise in {@code $schema})
   * @param action what to do with invalid answers
   * @return the rail
   * @throws IllegalArgumentException if the schema is not JSON
   */
  public static JsonGuardrail withSchema(String schemaJson, GuardrailAction action) {
    try {
      MAPPER.readTree(schemaJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the JSON Schema is not valid JSON: " + e.getOriginalMessage(), e);
    }
    try {
      SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
      return new JsonGuardrail(registry.getSchema(schemaJson), action);
    } catch (SchemaException e) {
      throw new IllegalArgumentException("invalid JSON Schema: " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return schema == null ? "json" : "json_schema";
  }

  @Override
  public boolean checksPartialText() {
    return false;
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    String body = stripFence(text.strip());
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        return reject("empty answer", "INVALID_JSON", "empty");
      }
    } catch (JsonProcessingException e) {
      return reject("answer is not well-formed JSON", "INVALID_JSON",
          "line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr());
    }
    if (schema == null) {
      return GuardrailResult.pass(name());
    }
    List<Error> errors = schema.validate(node);
    if (errors.isEmpty()) {
      return GuardrailResult.pass(name());
    }
    List<Finding> findings = new ArrayList<>();
    for (Error m : errors) {
      findings.add(new Finding("SCHEMA_VIOLATION", -1, -1, 1.0, action,
          m.getInstanceLocation() + " " + m.getKeyword()));
    }
    return verdict("answer does not match the JSON Schema", findings);
  }

  private GuardrailResult reject(String reason, String type, String detail) {
    return verdict(reason, List.of(new Finding(type, -1, -1, 1.0, action, detail)));
  }

  private GuardrailResult verdict(String reason, List<Finding> findings) {
    return action == GuardrailAction.BLOCK || action == GuardrailAction.REDACT
        ? GuardrailResult.fail(name(), reason, findings) : GuardrailResult.pass(name(), findings);
  }

  static String stripFence(String s) {
    if (s.startsWith("```")) {
      int nl = s.indexOf('\n');
      int end = s.lastIndexOf("```");
      if (nl > 0 && end > nl) {
        return s.substring(nl + 1, end).strip();
      }
    }
    return s;
  }

  @Override
  public String toString() {
    return "JsonGuardrail{schema=" + (schema != null) + ", " + action + '}';
  }
}
