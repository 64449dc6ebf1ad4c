package io.llmops.eval.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.InvalidRequestException;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalDataset;
import io.llmops.model.ChatMessage;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlDatasetsTest {

  @Test
  void roundTripKeepsEveryFieldAndTheVersion(@TempDir Path dir) {
    EvalDataset ds = EvalDataset.of("demo", List.of(
        EvalCase.builder("a").input("2+2=").expected("4").metadata(Map.of("k", "v", "n", "1")).tag("math").build(),
        EvalCase.builder("b").messages(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi ü")))
            .expected("Hello").build()));
    Path file = dir.resolve("demo.jsonl");
    JsonlDatasets.write(ds, file);
    EvalDataset back = JsonlDatasets.read(file);
    assertThat(back.name()).isEqualTo("demo");
    assertThat(back.cases()).isEqualTo(ds.cases());
    assertThat(back.version()).isEqualTo(ds.version()).hasSize(64);
  }

  @Test
  void versionChangesWithContent() {
    EvalDataset a = JsonlDatasets.read("x", new StringReader("{\"id\":\"1\",\"input\":\"a\"}\n"), "mem");
    EvalDataset b = JsonlDatasets.read("x", new StringReader("{\"id\":\"1\",\"input\":\"b\"}\n"), "mem");
    assertThat(a.version()).isNotEqualTo(b.version());
  }

  @Test
  void blankLinesAreSkipped() {
    EvalDataset ds = JsonlDatasets.read("x", new StringReader("\n{\"id\":\"1\",\"input\":\"a\"}\n\n"), "mem");
    assertThat(ds.size()).isEqualTo(1);
  }

  @Test
  void badLinesNameTheSourceAndLine() {
    assertThatThrownBy(() -> JsonlDatasets.read("x", new StringReader("{\"id\":\"1\",\"input\":\"a\"}\n{oops"), "f.jsonl"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("f.jsonl:2").hasMessageContaining("JSON");
    assertThatThrownBy(() -> JsonlDatasets.read("x", new StringReader("{\"input\":\"a\"}"), "f.jsonl"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("\"id\"");
    assertThatThrownBy(() -> JsonlDatasets.read("x", new StringReader("{\"id\":\"1\"}"), "f.jsonl"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("exactly one of input or messages");
    assertThatThrownBy(() -> JsonlDatasets.read("x",
        new StringReader("{\"id\":\"1\",\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}"), "f.jsonl"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("unknown role");
    assertThatThrownBy(() -> JsonlDatasets.read("x",
        new StringReader("{\"id\":\"1\",\"input\":\"a\"}\n{\"id\":\"1\",\"input\":\"b\"}"), "f.jsonl"))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("duplicate case id 1");
  }
}
