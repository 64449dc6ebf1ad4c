package io.llmops.eval.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.llmops.InvalidRequestException;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalOutput;
import io.llmops.evaluation.Score;
import io.llmops.evaluation.Scorer;
import io.llmops.model.CompletionResponse;
import io.llmops.model.EmbeddingModel;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Builds the standard metrics. Quality metrics score in [0, 1] (1 is best) and pass at a threshold; operational ones
 * ({@code latency_ms}, {@code tokens}, {@code cost}) report a raw value. Every scorer is stateless and thread-safe.
 * Reference-based metrics compare the output with the case's {@link EvalCase#expected()}.
 *
 * @since 0.1.0
 */
public final class Scorers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Scorers() {}

  /**
   * Output equals the expected text exactly (after trimming surrounding whitespace).
   *
   * @return the {@code equals} scorer
   */
  public static Scorer equalsExpected() {
    return of("equals", (c, o) -> {
      boolean ok = o.text().strip().equals(c.expected().strip());
      return score("equals", ok, ok ? "equals the expected text" : "differs from the expected text");
    });
  }

  /**
   * Output contains any (or all) of the given strings; with none given, the case's expected text.
   *
   * @param needles the strings to look for, empty to use the expected text
   * @param all whether all must appear (else any)
   * @param ignoreCase whether matching ignores case
   * @return the {@code contains_all} or {@code contains_any} scorer
   */
  public static Scorer contains(List<String> needles, boolean all, boolean ignoreCase) {
    List<String> fixed = List.copyOf(needles);
    String name = all ? "contains_all" : "contains_any";
    return of(name, (c, o) -> {
      List<String> want = fixed.isEmpty() ? List.of(c.expected()) : fixed;
      String hay = ignoreCase ? o.text().toLowerCase(Locale.ROOT) : o.text();
      List<String> missing = want.stream()
          .filter(n -> !hay.contains(ignoreCase ? n.toLowerCase(Locale.ROOT) : n)).toList();
      boolean ok = all ? missing.isEmpty() : missing.size() < want.size();
      return score(name, ok, ok ? "found" : "missing: " + String.join(", ", missing));
    });
  }

  /**
   * Output contains a match of a regular expression.
   *
   * @param regex a {@link Pattern} expression
   * @return the {@code regex} scorer
   * @throws InvalidRequestException if the expression does not compile
   */
  public static Scorer regex(String regex) {
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new InvalidRequestException("invalid regex " + regex + ": " + e.getDescription());
    }
    return of("regex", (c, o) -> {
      boolean ok = p.matcher(o.text()).find();
      return score("regex", ok, (ok ? "matches /" : "does not match /") + regex + "/");
    });
  }

  /**
   * Output starts with the expected text.
   *
   * @param ignoreCase whether case is ignored
   * @return the {@code starts_with} scorer
   */
  public static Scorer startsWith(boolean ignoreCase) {
    return of("starts_with", (c, o) -> {
      String out = o.text().stripLeading();
      boolean ok = ignoreCase ? out.toLowerCase(Locale.ROOT).startsWith(c.expected().toLowerCase(Locale.ROOT))
          : out.startsWith(c.expected());
      return score("starts_with", ok, ok ? "starts with the expected text" : "does not start with it");
    });
  }

  /**
   * Output is valid JSON (one value, nothing after it).
   *
   * @return the {@code json_valid} scorer
   */
  public static Scorer jsonValid() {
    return of("json_valid", (c, o) -> {
      try {
        JSON.readTree(o.text());
        return score("json_valid", true, "valid JSON");
      } catch (JsonProcessingException e) {
        return score("json_valid", false, "invalid JSON: " + e.getOriginalMessage());
      }
    });
  }

  /**
   * Output is JSON valid against a JSON Schema (draft 2020-12 unless the schema's {@code $schema} says otherwise).
   *
   * @param schemaJson the schema
   * @return the {@code json_schema} scorer
   * @throws InvalidRequestException if the schema is not valid JSON or not a schema
   */
  public static Scorer jsonSchema(String schemaJson) {
    Schema schema;
    try {
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaJson);
    } catch (RuntimeException e) {
      throw new InvalidRequestException("invalid JSON Schema: " + e.getMessage());
    }
    return of("json_schema", (c, o) -> {
      JsonNode node;
      try {
        node = JSON.readTree(o.text());
      } catch (JsonProcessingException e) {
        return score("json_schema", false, "invalid JSON: " + e.getOriginalMessage());
      }
      List<Error> errors = schema.validate(node);
      return errors.isEmpty() ? score("json_schema", true, "valid against the schema")
          : score("json_schema", false, errors.stream().map(Error::toString).collect(Collectors.joining("; ")));
    });
  }

  /**
   * Normalised Levenshtein similarity to the expected text.
   *
   * @param threshold pass at or above, in [0, 1]
   * @return the {@code levenshtein} scorer
   */
  public static Scorer levenshtein(double threshold) {
    return similarity("levenshtein", threshold, (c, o) -> TextMetrics.levenshteinSimilarity(o.text(), c.expected()));
  }

  /**
   * Sentence BLEU against the expected text (see {@link TextMetrics#sentenceBleu}).
   *
   * @param threshold pass at or above, in [0, 1]
   * @return the {@code bleu} scorer
   */
  public static Scorer bleu(double threshold) {
    return similarity("bleu", threshold, (c, o) -> TextMetrics.sentenceBleu(o.text(), c.expected()));
  }

  /**
   * ROUGE-L F-measure against the expected text.
   *
   * @param threshold pass at or above, in [0, 1]
   * @return the {@code rouge_l} scorer
   */
  public static Scorer rougeL(double threshold) {
    return similarity("rouge_l", threshold, (c, o) -> TextMetrics.rougeL(o.text(), c.expected()));
  }

  /**
   * chrF2 against the expected text.
   *
   * @param threshold pass at or above, in [0, 1]
   * @return the {@code chrf} scorer
   */
  public static Scorer chrF(double threshold) {
    return similarity("chrf", threshold, (c, o) -> TextMetrics.chrF(o.text(), c.expected()));
  }

  /**
   * Cosine similarity of output and expected text under a sentence encoder, clamped to [0, 1].
   *
   * @param model any embedding model (owned by the caller)
   * @param threshold pass at or above, in [0, 1]
   * @return the {@code embedding_similarity} scorer
   */
  public static Scorer embeddingSimilarity(EmbeddingModel model, double threshold) {
    Objects.requireNonNull(model, "model");
    return similarity("embedding_similarity", threshold, (c, o) -> {
      var e = model.embedAll(List.of(o.text(), c.expected()));
      return Math.max(0, e.get(0).cosineSimilarity(e.get(1)));
    });
  }

  /**
   * Wall-clock latency of the call in milliseconds.
   *
   * @param maxMillis pass at or below
   * @return the {@code latency_ms} scorer
   */
  public static Scorer latency(double maxMillis) {
    return of("latency_ms", (c, o) -> {
      double ms = o.latencyNanos() / 1e6;
      return new Score("latency_ms", ms, ms <= maxMillis, String.format(Locale.ROOT, "%.1f ms (limit %.1f)", ms,
          maxMillis));
    });
  }

  /**
   * Total tokens of the call (prompt plus output), from the response's usage.
   *
   * @param maxTokens pass at or below
   * @return the {@code tokens} scorer
   */
  public static Scorer tokens(int maxTokens) {
    return of("tokens", (c, o) -> {
      CompletionResponse r = o.response();
      int t = r == null ? 0 : r.usage().totalTokens();
      return new Score("tokens", t, t <= maxTokens, r == null ? "no usage reported"
          : r.usage().inputTokens() + " in + " + r.usage().outputTokens() + " out");
    });
  }

  /**
   * Cost of the call under a price model.
   *
   * @param prices the prices
   * @param maxCost pass at or below
   * @return the {@code cost} scorer
   */
  public static Scorer cost(CostModel prices, double maxCost) {
    Objects.requireNonNull(prices, "prices");
    return of("cost", (c, o) -> {
      double v = prices.cost(o);
      return new Score("cost", v, v <= maxCost, String.format(Locale.ROOT, "%.6f (limit %.6f)", v, maxCost));
    });
  }

  /**
   * Makes a scorer from a function.
   *
   * @param name the metric name
   * @param fn the scoring function, thread-safe
   * @return the scorer
   */
  public static Scorer of(String name, BiFunction<EvalCase, EvalOutput, Score> fn) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(fn, "fn");
    return new Scorer() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Score score(EvalCase testCase, EvalOutput output) {
        return fn.apply(testCase, output);
      }

      @Override
      public String toString() {
        return "Scorer{" + name + '}';
      }
    };
  }

  private static Scorer similarity(String name, double threshold, ToDoubleBiFunction<EvalCase, EvalOutput> fn) {
    InvalidRequestException.check(threshold >= 0 && threshold <= 1, name + " threshold must be in [0, 1]: "
        + threshold);
    return of(name, (c, o) -> {
      double v = fn.applyAsDouble(c, o);
      return new Score(name, v, v >= threshold, String.format(Locale.ROOT, "%s %.4f (threshold %.2f)", name, v,
          threshold));
    });
  }

  private static Score score(String name, boolean ok, String reason) {
    return new Score(name, ok ? 1 : 0, ok, reason);
  }
}
