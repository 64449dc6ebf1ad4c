package io.llmops.runtime.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The layouts in the CUDA header, in {@link BlockLayout} and in the CPU runtime's {@code GgmlType} agree. */
class BlockLayoutTest {

  static Map<String, Integer> defines(String file) throws IOException {
    Map<String, Integer> d = new HashMap<>();
    Matcher m = Pattern.compile("(?m)^#define (\\w+) (\\d+)$").matcher(Files.readString(Nvcc.SOURCES.resolve(file)));
    while (m.find()) {
      d.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    return d;
  }

  @Test
  void headerDefinesEqualTheJavaLayouts() throws IOException {
    Map<String, Integer> h = defines("llmops_blocks.cuh");
    for (BlockLayout l : BlockLayout.values()) {
      String p = "LLMOPS_" + l.name() + "_";
      assertThat(h).containsEntry(p + "BLOCK", l.elements()).containsEntry(p + "BYTES", l.bytes())
          .containsEntry("LLMOPS_TYPE_" + l.name(), l.type().id());
      l.fields().forEach((field, offset) -> assertThat(h).containsEntry(p + field, offset));
      assertThat(h.keySet().stream().filter(k -> k.startsWith(p)).count()).isEqualTo(2 + l.fields().size());
    }
    assertThat(h).containsEntry("LLMOPS_TYPE_F32", 0).containsEntry("LLMOPS_TYPE_F16", 1)
        .containsEntry("LLMOPS_TYPE_BF16", 30);
  }

  @Test
  void layoutsMatchGgmlTypeSizesAndFieldsTileTheBlock() {
    for (BlockLayout l : BlockLayout.values()) {
      assertThat(l.elements()).isEqualTo(l.type().blockSize());
      assertThat(l.bytes()).isEqualTo(l.type().typeSize());
      assertThat(l.elements() % 32).as("whole 32-element units").isZero();
      // F16 fields sit at even offsets: the kernels read them as 16-bit words.
      l.fields().forEach((f, off) -> {
        assertThat(off).isBetween(0, l.bytes() - 1);
        if (f.startsWith("D")) {
          assertThat(off % 2).isZero();
        }
      });
    }
    // Field sizes of ggml-common.h: the next field starts where the previous ends, the last ends at the block end.
    assertThat(BlockLayout.Q4_K.fields().get("QS") + 256 / 2).isEqualTo(BlockLayout.Q4_K.bytes());
    assertThat(BlockLayout.Q6_K.fields().get("D") + 2).isEqualTo(BlockLayout.Q6_K.bytes());
    assertThat(BlockLayout.Q6_K.fields().get("QH") - BlockLayout.Q6_K.fields().get("QL")).isEqualTo(256 / 2);
    assertThat(BlockLayout.Q6_K.fields().get("SCALES") - BlockLayout.Q6_K.fields().get("QH")).isEqualTo(256 / 4);
    assertThat(BlockLayout.Q8_0.fields().get("QS") + 32).isEqualTo(BlockLayout.Q8_0.bytes());
    assertThat(BlockLayout.Q4_0.fields().get("QS") + 16).isEqualTo(BlockLayout.Q4_0.bytes());
  }
}
