package io.llmops.runtime.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.ContextLengthExceededException;
import io.llmops.ModelLoadException;
import io.llmops.Models;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.GeneratedToken;
import io.llmops.model.LanguageModel;
import io.llmops.model.SamplingParameters;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.ModelListener;
import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.gguf.GgufTensorInfo;
import io.llmops.runtime.cpu.gguf.GgufWriter;
import io.llmops.spi.ModelOptions;
import io.llmops.spi.RuntimeStatus;
import io.llmops.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufLanguageModelTest {
  @TempDir
  Path dir;

  @Test
  void modelsLoadFindsTheCpuRuntimeAndMatchesLlamaCppGreedyText() throws Exception {
    List<String> ref = Files.readAllLines(TestFiles.reference("stories260K_greedy.txt"));
    String text = ref.stream().filter(l -> l.startsWith("greedy_text: ")).findFirst().orElseThrow().substring(13);
    int[] promptIds = Arrays.stream(ref.stream().filter(l -> l.startsWith("prompt_ids:")).findFirst().orElseThrow()
        .substring(11).trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    List<String> events = new CopyOnWriteArrayList<>();
    ModelListener listener = new ModelListener() {
      @Override
      public void onRequest(ModelCallContext c, Object r) {
        events.add("request");
      }

      @Override
      public void onToken(ModelCallContext c, GeneratedToken t) {
        events.add("token");
      }

      @Override
      public void onResponse(ModelCallContext c, Object r) {
        events.add("response");
      }
    };
    try (LanguageModel m = Models.loader().threads(2).listener(listener).runtime("cpu")
        .load(TestFiles.model("stories260K.gguf"))) {
      assertThat(m.tokenizer().encode("Once upon a time")).containsExactly(promptIds);
      CompletionResponse r = m.complete(CompletionRequest.builder("Once upon a time")
          .parameters(SamplingParameters.greedy().toBuilder().maxTokens(32).build()).build());
      assertThat("Once upon a time" + r.text()).isEqualTo(text);
      assertThat(m.info().architecture()).isEqualTo("llama");
      assertThat(m.info().contextLength()).isEqualTo(2048);
      assertThat(r.stats().runtime()).isEqualTo("cpu");
      assertThat(r.stats().threads()).isEqualTo(2);
      assertThat(r.stats().cpuNanos()).isPositive();
      assertThat(r.stats().timeToFirstTokenNanos()).isPositive();
      assertThat(events).startsWith("request", "token").endsWith("token", "response").hasSize(34);
    }
  }

  @Test
  void providerProbesWithoutThrowing() {
    RuntimeStatus cpu = Models.runtimes().stream().filter(s -> s.name().equals("cpu")).findFirst().orElseThrow();
    assertThat(cpu.available()).isTrue();
    assertThat(cpu.priority()).isEqualTo(200); // tests run with --add-modules jdk.incubator.vector
    assertThat(cpu.reason()).startsWith("Vector API, ");
  }

  @Test
  void statsCountTheLastStepsKvPositionsAndCpuTime() {
    // stories260K: 5 layers x 4 KV heads x head dim 8 x (K + V) x 2 bytes (F16) = 640 bytes per position.
    try (GgufLanguageModel m = GgufLanguageModel.load(TestFiles.model("stories260K.gguf"),
        ModelOptions.builder().threads(1).build())) {
      for (int maxTokens : new int[] {1, 8}) {
        io.llmops.model.CompletionResponse r = m.complete(io.llmops.model.CompletionRequest.builder("Once upon a time")
            .parameters(io.llmops.model.SamplingParameters.greedy().toBuilder().maxTokens(maxTokens).build())
            .build());
        // 5 prompt positions, then one per generated token except the last (sampled but never evaluated).
        assertThat(r.stats().kvCacheBytes()).as("maxTokens %d", maxTokens).isEqualTo((5 + maxTokens - 1) * 640L);
        assertThat(r.stats().cpuNanos()).as("maxTokens %d", maxTokens).isPositive();
      }
    }
  }

  @Test
  void promptLongerThanContextIsRejectedBeforeInference() {
    try (GgufLanguageModel m = GgufLanguageModel.load(TestFiles.model("stories260K.gguf"),
        ModelOptions.builder().threads(1).contextLength(16).build())) {
      assertThatThrownBy(() -> m.complete(CompletionRequest.of("Once upon a time there was a little girl named Lily"
          + " who loved to play outside in the park with her friends")))
          .isInstanceOf(ContextLengthExceededException.class);
      assertThat(m.engine().caches().inUse()).isZero();
    }
  }

  @Test
  void unknownArchitectureIsRejectedListingTheSupportedOnes() throws Exception {
    Path f = rewrite("general.architecture", "gpt2", null);
    assertThatThrownBy(() -> GgufLanguageModel.load(f, ModelOptions.defaults()))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("gpt2").hasMessageContaining("[llama, qwen2]");
  }

  @Test
  void missingTensorIsNamed() throws Exception {
    Path f = rewrite(null, null, "blk.3.ffn_up.weight");
    assertThatThrownBy(() -> GgufLanguageModel.load(f, ModelOptions.defaults()))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("blk.3.ffn_up.weight");
  }

  @Test
  void wrongTensorShapeIsNamed() throws Exception {
    Path f = rewrite("llama.feed_forward_length", 173, null);
    assertThatThrownBy(() -> GgufLanguageModel.load(f, ModelOptions.defaults()))
        .isInstanceOf(ModelLoadException.class).hasMessageContaining("blk.0.ffn_gate.weight")
        .hasMessageContaining("shape");
  }

  /** Copies stories260K with one metadata value replaced or one tensor dropped. */
  private Path rewrite(String key, Object value, String dropTensor) throws Exception {
    try (GgufFile src = GgufFile.open(TestFiles.model("stories260K.gguf"))) {
      GgufWriter w = GgufWriter.create();
      src.metadata().forEach((k, v) -> {
        if (k.equals(key)) {
          if (value instanceof String) {
            w.putString(k, (String) value);
          } else {
            w.putUInt32(k, ((Number) value).longValue());
          }
        } else if (!k.equals("general.alignment")) {
          w.put(k, v);
        }
      });
      for (GgufTensorInfo t : src.tensors()) {
        if (!t.name().equals(dropTensor)) {
          w.tensor(t.name(), t.type(), src.tensorData(t), t.shape());
        }
      }
      Path out = dir.resolve("m.gguf");
      w.writeTo(out);
      return out;
    }
  }
}
