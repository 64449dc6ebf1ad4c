package io.llmops;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelsTest {

  @Test
  void missingFileIsAModelLoadException() {
    assertThatThrownBy(() -> Models.load(Path.of("no/such/model.gguf"))).isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("model file not found").hasMessageContaining("model.gguf");
  }

  @Test
  void impossibleOptionsAreRejectedBeforeLoading() {
    assertThatThrownBy(() -> Models.loader().threads(0).load(Path.of("x.gguf")))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("threads");
  }
}
