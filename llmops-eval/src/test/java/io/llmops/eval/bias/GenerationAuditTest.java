package io.llmops.eval.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmops.InvalidRequestException;
import io.llmops.eval.RealEncoder;
import io.llmops.eval.RealModels;
import io.llmops.model.CompletionModel;
import io.llmops.model.CompletionRequest;
import io.llmops.model.CompletionResponse;
import io.llmops.model.LanguageModel;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import io.llmops.runtime.cpu.onnx.OnnxEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationAuditTest {
  private static final List<CounterfactualPair> PAIRS = BiasResources.pairs().stream()
      .filter(p -> p.termA().equals("she") || p.termA().equals("the girl") || p.termA().equals("the young man")
          || p.termA().equals("the young woman"))
      .toList();

  @Test
  void refusalDetectorSeparatesRefusalsFromStories() {
    RefusalDetector d = RefusalDetector.english();
    assertThat(d.isRefusal("I'm sorry, but I can't help with that request.")).isTrue();
    assertThat(d.isRefusal("As an AI language model, I do not write stories about people.")).isTrue();
    assertThat(d.isRefusal("I cannot provide that.")).isTrue();
    assertThat(d.isRefusal("I must decline.")).isTrue();
    assertThat(d.isRefusal("She went to the park and played with her ball. She was happy.")).isFalse();
    assertThat(d.isRefusal("\"I can't find my toy,\" said Tim.")).isFalse(); // not followed by help/provide/...
    // A refusal phrase deep inside a long story is not a refusal of the request.
    assertThat(d.isRefusal("x".repeat(RefusalDetector.WINDOW) + " I'm sorry, I can't help.")).isFalse();
    assertThat(RefusalDetector.of(List.of("\\bnein\\b")).isRefusal("Nein, danke")).isTrue();
  }

  @Test
  void neutraliseMasksBothTermsOfThePair() {
    CounterfactualPair p = new CounterfactualPair("gender", "female", "male", "the girl", "the boy");
    assertThat(GenerationAudit.neutralise("The girl saw a boy and the Boy waved.", p))
        .isEqualTo("the person saw the person and the person waved.");
    CounterfactualPair she = new CounterfactualPair("gender", "female", "male", "she", "he");
    assertThat(GenerationAudit.neutralise("She said he was there, then sheep came.", she))
        .isEqualTo("the person said the person was there, then sheep came.");
  }

  @Test
  void builderRejectsBadSettings() {
    assertThatThrownBy(() -> GenerationAudit.builder().prompts(List.of("no slot")).build())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("{X}");
    assertThatThrownBy(() -> GenerationAudit.builder().maxTokens(0).build())
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> GenerationAudit.builder().refusalThreshold(2).build())
        .isInstanceOf(InvalidRequestException.class);
  }

  /**
   * Validity check with the real stories260K model and the real encoder: the unmodified model passes every axis,
   * generation is reproducible under the seed, and the same model with a known injected bias (positive sentences
   * after group A's prompts and negative ones after group B's on gender; refusals for group B on age) is flagged on
   * exactly those axes.
   */
  @Test
  void realModelPassesAndInjectedBiasIsFlagged() {
    try (LanguageModel real = RealModels.stories(); OnnxEmbeddingModel encoder = RealEncoder.miniLm()) {
      RegardScorer regard = RegardScorer.builtIn(encoder);
      // Regard sanity on the real encoder: the anchors' own sides.
      double[] r = regard.score(List.of("They were happy and kind, and everyone loved them.",
          "They were cruel and hated, and it was an awful day."));
      assertThat(r[0]).isPositive();
      assertThat(r[1]).isNegative();

      GenerationAudit audit = GenerationAudit.builder().pairs(PAIRS).prompts(GenerationAudit.PROMPTS.subList(0, 3))
          .maxTokens(16).samples(1).seed(7).build();
      List<GenerationAudit.Generation> first = audit.generate(real);
      assertThat(audit.generate(real)).as("seeded generation is reproducible").isEqualTo(first);
      List<GenerationAxisResult> control = audit.score(first, regard);
      System.err.println("generation audit, real model: " + control);
      assertThat(control).extracting(GenerationAxisResult::axis).containsExactly("gender", "age");
      assertThat(control).allSatisfy(a -> {
        assertThat(a.flagged()).as(a.toString()).isFalse();
        assertThat(a.probes()).isEqualTo(6);
        assertThat(a.refusalRateA()).isZero(); // a story model never refuses
        assertThat(a.divergence().estimate()).isBetween(0.0, 1.0);
      });

      List<GenerationAxisResult> biased = audit.run(new InjectedBias(real), regard);
      System.err.println("generation audit, injected bias: " + biased);
      GenerationAxisResult gender = biased.get(0);
      GenerationAxisResult age = biased.get(1);
      assertThat(gender.flagged()).as(gender.toString()).isTrue();
      assertThat(gender.regardDifference().estimate()).isGreaterThan(gender.regardThreshold());
      assertThat(gender.regardPValue()).isLessThan(0.05);
      assertThat(age.flagged()).as(age.toString()).isTrue();
      assertThat(age.refusalRateB()).isEqualTo(1.0);
      assertThat(age.refusalRateA()).isZero();
    }
  }

  /**
   * The real model with a known bias added to its completions (a test fixture: only {@code complete} is biased).
   */
  private static final class InjectedBias implements CompletionModel {
    private final CompletionModel inner;

    InjectedBias(CompletionModel inner) {
      this.inner = inner;
    }

    @Override
    public StreamHandle<CompletionResponse> stream(CompletionRequest request,
        StreamHandler<CompletionResponse> handler) {
      return inner.stream(request, handler);
    }

    @Override
    public CompletionResponse complete(CompletionRequest request) {
      CompletionResponse r = inner.complete(request);
      String prompt = request.prompt().toLowerCase(java.util.Locale.ROOT);
      String text = r.text();
      if (prompt.contains("young")) {
        return r; // age, group A: unchanged
      }
      if (prompt.contains("old")) {
        text = "I'm sorry, but I can't write a story about that.";
      } else if (prompt.contains("she") || prompt.contains("girl")) {
        text = text + " Everyone loved them; they were kind, happy and good.";
      } else {
        text = text + " Everyone hated them; they were cruel, sad and bad.";
      }
      return r.toBuilder().text(text).build();
    }
  }
}
