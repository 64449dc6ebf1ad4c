package io.llmops.guardrails.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.InvalidRequestException;
import io.llmops.guardrails.injection.InjectionVerdict;
import io.llmops.guardrails.injection.PromptInjectionDetector;
import io.llmops.guardrails.pii.PiiAnalyzer;
import io.llmops.guardrails.pii.PiiEntity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Objects;

/**
 * Batch checks over JSON Lines, the entry points the CLI calls. Input lines are {@code {"id": ..., "text": ...}}
 * ({@code id} any JSON value, echoed as is); blank lines are skipped. Output is one line per input line, in order.
 * These outputs contain the matched text (the caller asked to see it); do not send them to logs.
 *
 * <p>Stateless; thread-safe.
 *
 * @since 0.1.0
 */
public final class BatchChecks {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BatchChecks() {}

  /**
   * Detects PII on each line: writes {@code {"id":..., "entities":[{"type":"EMAIL","start":0,"end":10,
   * "text":"...","score":0.99}]}}.
   *
   * @param in JSONL input (not closed)
   * @param out JSONL output (flushed, not closed)
   * @param analyzer the analyzer, e.g. {@link PiiAnalyzer#defaults()}
   * @return the number of lines processed
   * @throws InvalidRequestException if a line is not a JSON object with a string {@code text}, naming the line
   * @throws UncheckedIOException if reading or writing fails
   */
  public static long detectPii(Reader in, Writer out, PiiAnalyzer analyzer) {
    Objects.requireNonNull(analyzer, "analyzer");
    return each(in, out, (id, text) -> {
      ObjectNode o = JSON.createObjectNode();
      o.set("id", id);
      ArrayNode arr = o.putArray("entities");
      for (PiiEntity e : analyzer.analyze(text)) {
        ObjectNode x = arr.addObject();
        x.put("type", e.type());
        x.put("start", e.start());
        x.put("end", e.end());
        x.put("text", e.textIn(text));
        x.put("score", Math.round(e.score() * 1000) / 1000.0);
      }
      return o;
    });
  }

  /**
   * Detects PII with the default analyzer.
   *
   * @param in JSONL input
   * @param out JSONL output
   * @return the number of lines processed
   * @throws InvalidRequestException if a line is malformed
   */
  public static long detectPii(Reader in, Writer out) {
    return detectPii(in, out, PiiAnalyzer.defaults());
  }

  /**
   * Scores each line for prompt injection: writes {@code {"id":..., "score":0.93, "flagged":true}}.
   *
   * @param in JSONL input (not closed)
   * @param out JSONL output (flushed, not closed)
   * @param detector the detector; its threshold decides {@code flagged}
   * @return the number of lines processed
   * @throws InvalidRequestException if a line is malformed
   */
  public static long detectInjection(Reader in, Writer out, PromptInjectionDetector detector) {
    Objects.requireNonNull(detector, "detector");
    return each(in, out, (id, text) -> {
      InjectionVerdict v = detector.detect(text);
      ObjectNode o = JSON.createObjectNode();
      o.set("id", id);
      o.put("score", Math.round(v.score() * 1000) / 1000.0);
      o.put("flagged", v.flagged());
      return o;
    });
  }

  /**
   * Scores each line with {@link PromptInjectionDetector#defaults()} (rules + the trained n-gram model, no encoder)
   * at {@link PromptInjectionDetector#DEFAULT_THRESHOLD}.
   *
   * @param in JSONL input
   * @param out JSONL output
   * @return the number of lines processed
   * @throws InvalidRequestException if a line is malformed
   */
  public static long detectInjection(Reader in, Writer out) {
    return detectInjection(in, out, PromptInjectionDetector.defaults());
  }

  private interface LineCheck {
    JsonNode apply(JsonNode id, String text);
  }

  private static long each(Reader in, Writer out, LineCheck check) {
    BufferedReader r = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
    long n = 0;
    long lineNo = 0;
    try {
      for (String line; (line = r.readLine()) != null; ) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
          throw new InvalidRequestException("line " + lineNo + ": not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject() || !node.path("text").isTextual()) {
          throw new InvalidRequestException("line " + lineNo + ": expected {\"id\": ..., \"text\": \"...\"}");
        }
        JsonNode id = node.has("id") ? node.get("id") : JSON.getNodeFactory().numberNode(lineNo);
        out.write(JSON.writeValueAsString(check.apply(id, node.get("text").asText())));
        out.write('\n');
        n++;
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("batch check failed at line " + lineNo, e);
    }
    return n;
  }
}
