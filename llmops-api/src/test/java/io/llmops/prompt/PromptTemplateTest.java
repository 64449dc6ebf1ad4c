package io.llmops.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.InvalidRequestException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplateTest {

  @Test
  void rendersVariablesInOrder() {
    PromptTemplate t = PromptTemplate.of("support", "3", "Hi {{ customer }}, about {{question}}: {{customer}}!");
    assertThat(t.variables()).containsExactly("customer", "question");
    assertThat(t.render(Map.of("customer", "Ada", "question", "order 42"))).isEqualTo("Hi Ada, about order 42: Ada!");
    assertThat(t.version()).isEqualTo("3");
  }

  @Test
  void missingAndUnknownVariablesFailLoudly() {
    PromptTemplate t = PromptTemplate.of("p", "1", "{{a}} {{b}}");
    assertThatThrownBy(() -> t.render(Map.of("a", 1))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no value for variable(s) [b]");
    assertThatThrownBy(() -> t.render(Map.of("a", 1, "b", 2, "c", 3))).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("unknown variable(s) [c]");
  }

  @Test
  void literalBracesAndValuesAreNotReinterpreted() {
    PromptTemplate t = PromptTemplate.of("p", "1", "json: {{{{}}x}} {{v}}");
    assertThat(t.variables()).containsExactly("v");
    assertThat(t.render(Map.of("v", "{{v}}"))).isEqualTo("json: {{x}} {{v}}");
  }
}
