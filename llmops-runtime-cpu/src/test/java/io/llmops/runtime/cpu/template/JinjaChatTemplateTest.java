package io.llmops.runtime.cpu.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.InvalidRequestException;
import io.llmops.model.ChatMessage;
import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.testing.TestFiles;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Renders real chat templates against the text those models are known to expect. */
class JinjaChatTemplateTest {
  static final List<ChatMessage> CHAT = List.of(ChatMessage.system("You are helpful. "), ChatMessage.user("Hi!"),
      ChatMessage.assistant("Hello."), ChatMessage.user("What is 2+2?"));

  static JinjaChatTemplate resource(String file, String bos, String eos) throws Exception {
    try (InputStream in = JinjaChatTemplateTest.class.getResourceAsStream(file)) {
      return JinjaChatTemplate.of(file, new String(in.readAllBytes(), StandardCharsets.UTF_8), bos, eos);
    }
  }

  @Test
  void llama3() throws Exception {
    JinjaChatTemplate t = resource("llama3.jinja", "<|begin_of_text|>", "<|eot_id|>");
    String expected = "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are helpful.<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\nHi!<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>";
    assertThat(t.render(CHAT, false)).isEqualTo(expected);
    assertThat(t.render(CHAT, true)).isEqualTo(expected + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    assertThat(JinjaChatTemplate.builtIn("llama3", "<|begin_of_text|>", "<|eot_id|>").render(CHAT, true))
        .isEqualTo(t.render(CHAT, true));
  }

  @Test
  void llama31SystemBlockAndSlicing() throws Exception {
    JinjaChatTemplate t = resource("llama31-abridged.jinja", "<|begin_of_text|>", "<|eot_id|>");
    assertThat(t.render(List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")), true)).isEqualTo(
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
            + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nBe brief.<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
            + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    assertThat(t.render(List.of(ChatMessage.user("Hi")), false)).isEqualTo(
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
            + "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|>"
            + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>");
  }

  @Test
  void qwen2ChatMl() throws Exception {
    JinjaChatTemplate t = resource("qwen2.jinja", null, "<|im_end|>");
    assertThat(t.render(List.of(ChatMessage.user("Hi")), true)).isEqualTo(
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
            + "<|im_start|>assistant\n");
    assertThat(t.render(List.of(ChatMessage.system("S"), ChatMessage.user("Hi")), false))
        .isEqualTo("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n");
    assertThat(JinjaChatTemplate.builtIn("chatml", null, null).render(List.of(ChatMessage.user("Hi")), true))
        .isEqualTo("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
  }

  @Test
  void mistralAndRaiseException() throws Exception {
    JinjaChatTemplate t = resource("mistral-instruct.jinja", "<s>", "</s>");
    assertThat(t.render(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Yo"), ChatMessage.user("Bye")), true))
        .isEqualTo("<s>[INST] Hi [/INST]Yo</s>[INST] Bye [/INST]");
    assertThatThrownBy(() -> t.render(CHAT, true)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Conversation roles must alternate");
    assertThat(JinjaChatTemplate.builtIn("mistral", "<s>", "</s>").render(CHAT, true))
        .isEqualTo("<s>[INST] You are helpful. \n\nHi! [/INST]Hello.</s>[INST] What is 2+2? [/INST]");
  }

  @Test
  void pythonStringMethods() throws Exception {
    JinjaChatTemplate t = resource("python-methods.jinja", null, null);
    assertThat(t.render(List.of(ChatMessage.user("  xx a b  ")), false)).isEqualTo("USER:xx a b|a b|7|E\n");
    assertThatThrownBy(() -> t.render(List.of(ChatMessage.user("!boom")), false))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no bangs: !BOOM");
  }

  @Test
  void templatesFromGgufFiles() {
    try (GgufFile f = GgufFile.open(TestFiles.model("vocab/ggml-vocab-phi-3.gguf"))) {
      JinjaChatTemplate t = JinjaChatTemplate.from(f);
      assertThat(t.name()).isEqualTo("gguf");
      assertThat(t.render(List.of(ChatMessage.user("Hi"), ChatMessage.assistant("Hello")), false))
          .isEqualTo("<s><|user|>\nHi<|end|>\n<|assistant|>\nHello<|end|>\n");
    }
    try (GgufFile f = GgufFile.open(TestFiles.model("stories260K.gguf"))) {
      JinjaChatTemplate t = JinjaChatTemplate.from(f);
      assertThat(t.name()).isEqualTo("plain");
      assertThat(t.render(List.of(ChatMessage.user("Once upon a time")), true)).isEqualTo("Once upon a time");
    }
  }
}
