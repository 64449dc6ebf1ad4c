package io.llmops.runtime.cpu;

import io.llmops.model.LanguageModel;
import io.llmops.spi.ModelOptions;
import io.llmops.testing.ChatModelContractTest;
import io.llmops.testing.TestFiles;
import org.junit.jupiter.api.AfterAll;

/** The shared model contract over stories260K on the CPU runtime. */
class CpuChatModelContractTest extends ChatModelContractTest {
  private CpuLanguageModel model;

  @Override
  protected LanguageModel model() {
    if (model == null) {
      model = CpuLanguageModel.load(TestFiles.model("stories260K.gguf"),
          ModelOptions.builder().threads(2).contextLength(256).build());
    }
    return model;
  }

  @AfterAll
  void close() {
    if (model != null) {
      model.close();
    }
  }
}
