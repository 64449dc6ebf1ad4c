package io.llmops.benchmarks.guardrails;

import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrails.GuardrailPipeline;
import io.llmops.guardrails.anonymize.Anonymizer;
import io.llmops.guardrails.anonymize.PiiGuardrail;
import io.llmops.guardrails.content.InvisibleTextGuardrail;
import io.llmops.guardrails.content.LanguageGuardrail;
import io.llmops.guardrails.content.SecretsGuardrail;
import io.llmops.guardrails.content.ToxicityGuardrail;
import io.llmops.guardrails.injection.EncoderInjectionClassifier;
import io.llmops.guardrails.injection.PromptInjectionDetector;
import io.llmops.guardrails.injection.PromptInjectionGuardrail;
import io.llmops.guardrails.pii.PiiAnalyzer;
import io.llmops.guardrails.pii.PiiEntity;
import io.llmops.runtime.cpu.onnx.OnnxEmbeddingModel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Guardrail costs. {@code piiScan}: the PII analyzer over 8 KiB of mixed text (prose, a few entities of each type,
 * look-alike numbers); throughput in MB/s is ops/s × {@link #MIXED_BYTES}. {@code inputPipelineRules} and
 * {@code inputPipelineEncoder}: latency of a full input pipeline (invisible text, secrets, PII redaction with
 * placeholders, toxicity, prompt injection) on a 2 KB prompt, rules only and with the all-MiniLM-L6-v2 injection
 * classifier; sample mode gives p50/p99. {@code languageOpenNlp}: the OpenNLP language rail alone on the same prompt
 * (not part of either pipeline).
 *
 * <p>The fork runs with {@code -Xms1g -Xmx1g -XX:+AlwaysPreTouch}: what a latency-sensitive deployment sets, and
 * what keeps heap resizing out of the tail. Override with {@code -jvmArgsAppend} to compare.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
// A fixed, pre-touched heap, as latency-sensitive services run: with the JVM's default growable heap, p90-p99 of the
// rules pipeline doubled (p50 0.53 ms, p99 1.1-1.2 ms) while G1 resized the heap; with it, p99 0.71 ms (2026-11-29).
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
@Threads(1)
public class GuardrailsBenchmark {
  /** Size in bytes of the mixed text {@code piiScan} reads per operation. */
  public static final int MIXED_BYTES = 8192;

  private static final String[] PARAGRAPHS = {
      "Hi team, following up on yesterday's call with the vendor. The rollout of version 2.14.3 went fine on "
          + "staging, but order 4526018159083013 still shows as pending and the invoice INV-2024-000871 is due on "
          + "2024-07-31. ",
      "Please reach Maria Gonzalez at maria.gonzalez@example.com or +1 (212) 736-5000 before Friday; her backup "
          + "is Julien Moreau (06 12 34 56 78). ",
      "The card on file is 4526 0181 5908 3012 and the refund goes to IBAN DE11 3704 0044 0532 0137 25. ",
      "Server 10.0.12.45 logged requests from 2001:db8::ff00:42:8329; device 3C:22:FB:9A:10:7E was blocked. "
          + "Docs are at https://docs.example.com/v2/guide#auth. ",
      "We shipped 1,234 units in Q3, up 12% from last year; meeting moved to 15/03/2024 at 10:30 in room 204. "
          + "ISBN 978-0-306-40615-7 is the reference manual. ",
      "Donations to 3NJjYajnkzPrMvmBCZnDC8VY1G1LhN7T25 are welcome. Social security number 536-22-1234 was "
          + "submitted by mistake. ",
      "Nothing sensitive in this sentence: the weather was mild and the team discussed the roadmap for the next "
          + "two quarters, including caching, retries and better error messages for the command line. "};

  private PiiAnalyzer analyzer;
  private String mixed;
  private String prompt2k;
  private GuardrailPipeline rules;
  private GuardrailPipeline withEncoder;
  private OnnxEmbeddingModel encoder;
  private GuardrailContext context;
  private LanguageGuardrail language;

  /** Builds the texts and pipelines once. */
  @Setup(Level.Trial)
  public void setUp() {
    analyzer = PiiAnalyzer.defaults();
    mixed = fill(MIXED_BYTES);
    prompt2k = fill(2048);
    rules = pipeline(PromptInjectionDetector.rulesOnly());
    encoder = OnnxEmbeddingModel.allMiniLmL6V2();
    withEncoder = pipeline(PromptInjectionDetector.of(EncoderInjectionClassifier.of(encoder),
        PromptInjectionDetector.DEFAULT_THRESHOLD));
    context = GuardrailContext.builder(GuardrailContext.Direction.INPUT).conversationId("bench").build();
    language = LanguageGuardrail.allowing(java.util.Set.of("en", "fr"), GuardrailAction.BLOCK);
    language.check(prompt2k, context); // loads the model outside the measurement
  }

  /** Closes the encoder. */
  @TearDown(Level.Trial)
  public void tearDown() {
    encoder.close();
  }

  private static GuardrailPipeline pipeline(PromptInjectionDetector detector) {
    return GuardrailPipeline.builder().input(InvisibleTextGuardrail.of(GuardrailAction.REDACT))
        .input(SecretsGuardrail.of(GuardrailAction.REDACT))
        .input(PiiGuardrail.redactingInput(Anonymizer.builder().build()))
        .input(ToxicityGuardrail.lexicon(0.5, GuardrailAction.BLOCK))
        .input(PromptInjectionGuardrail.blocking(detector)).build();
  }

  private static String fill(int bytes) {
    StringBuilder sb = new StringBuilder(bytes);
    for (int i = 0; sb.length() < bytes; i++) {
      sb.append(PARAGRAPHS[i % PARAGRAPHS.length]);
    }
    return sb.substring(0, bytes);
  }

  /**
   * PII analysis of 8 KiB of mixed text.
   *
   * @return the entities, so the work is not eliminated
   */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public List<PiiEntity> piiScan() {
    return analyzer.analyze(mixed);
  }

  /**
   * The full input pipeline, rules only, on a 2 KB prompt.
   *
   * @return the verdict
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public GuardrailResult inputPipelineRules() {
    return rules.checkInput(prompt2k, context);
  }

  /**
   * The OpenNLP language rail on a 2 KB prompt.
   *
   * @return the verdict
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public GuardrailResult languageOpenNlp() {
    return language.check(prompt2k, context);
  }

  /**
   * The full input pipeline with the encoder injection classifier, on a 2 KB prompt.
   *
   * @return the verdict
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public GuardrailResult inputPipelineEncoder() {
    return withEncoder.checkInput(prompt2k, context);
  }
}
