package io.llmops.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.InvalidRequestException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvalDatasetTest {

  private static EvalCase c(String id, String input, String expected) {
    return EvalCase.builder(id).input(input).expected(expected).build();
  }

  @Test
  void versionIsAContentHash() {
    EvalDataset a = EvalDataset.of("d", List.of(c("1", "ab", "c"), c("2", "x", "y")));
    EvalDataset same = EvalDataset.of("other name", List.of(c("1", "ab", "c"), c("2", "x", "y")));
    EvalDataset shifted = EvalDataset.of("d", List.of(c("1", "a", "bc"), c("2", "x", "y")));
    EvalDataset tagged = EvalDataset.of("d",
        List.of(c("1", "ab", "c").toBuilder().tag("t").build(), c("2", "x", "y")));
    assertThat(a.version()).hasSize(64).isEqualTo(same.version());
    assertThat(shifted.version()).isNotEqualTo(a.version());
    assertThat(tagged.version()).isNotEqualTo(a.version());
  }

  @Test
  void duplicateIdsAndEmptyCasesAreRejected() {
    assertThatThrownBy(() -> EvalDataset.of("d", List.of(c("1", "a", ""), c("1", "b", ""))))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("duplicate case id 1");
    assertThatThrownBy(() -> EvalCase.builder("x").build()).isInstanceOf(InvalidRequestException.class);
  }

  @Test
  void runResultMeans() {
    EvalRunResult r = new EvalRunResult("run", "d", "v", List.of(
        new CaseResult("1", EvalOutput.of("a"), List.of(new Score("exact", 1, true, "")), null),
        new CaseResult("2", EvalOutput.of("b"), List.of(new Score("exact", 0, false, "")), null),
        new CaseResult("3", null, List.of(), "timeout")));
    assertThat(r.mean("exact")).hasValue(0.5);
    assertThat(r.means()).isEqualTo(Map.of("exact", 0.5));
    assertThat(r.cases().get(2).failed()).isTrue();
  }
}
