package io.llmops.eval.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmops.InvalidRequestException;
import io.llmops.evaluation.EvalCase;
import io.llmops.evaluation.EvalDataset;
import io.llmops.model.ChatMessage;
import io.llmops.model.Role;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes datasets as JSON Lines: one case per line,
 * <pre>{@code
 * {"id":"c1","input":"2+2=","expected":"4","metadata":{"source":"hand"},"tags":["math"]}
 * {"id":"c2","messages":[{"role":"user","content":"Hi"}],"expected":"Hello"}
 * }</pre>
 * {@code id} is required; exactly one of {@code input} and {@code messages}; the rest optional. Blank lines are
 * skipped. Writing then reading gives an equal dataset with the same {@link EvalDataset#version()}.
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class JsonlDatasets {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonlDatasets() {}

  /**
   * Reads a dataset named after the file (without extension).
   *
   * @param file a UTF-8 JSONL file
   * @return the dataset
   * @throws InvalidRequestException naming the file and line of the first malformed case
   * @throws UncheckedIOException if the file cannot be read
   */
  public static EvalDataset read(Path file) {
    String name = file.getFileName().toString().replaceFirst("\\.jsonl?$", "");
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(name, r, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + file, e);
    }
  }

  /**
   * Reads a dataset from a reader.
   *
   * @param name the dataset's name
   * @param reader JSONL text; not closed
   * @param source where the text came from, for error messages
   * @return the dataset
   * @throws InvalidRequestException naming the source and line of the first malformed case
   */
  public static EvalDataset read(String name, Reader reader, String source) {
    List<EvalCase> cases = new ArrayList<>();
    BufferedReader br = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
    int lineNo = 0;
    try {
      for (String line = br.readLine(); line != null; line = br.readLine()) {
        lineNo++;
        if (!line.isBlank()) {
          cases.add(parseCase(line, source, lineNo));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + source, e);
    }
    try {
      return EvalDataset.of(name, cases);
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(source + ": " + e.getMessage());
    }
  }

  /**
   * Parses one JSONL line.
   *
   * @param line a JSON object
   * @param source the file, for messages
   * @param lineNo the 1-based line number, for messages
   * @return the case
   * @throws InvalidRequestException if the line is malformed
   */
  static EvalCase parseCase(String line, String source, int lineNo) {
    String where = source + ":" + lineNo;
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(where + ": not valid JSON: " + e.getOriginalMessage());
    }
    InvalidRequestException.check(node != null && node.isObject(), where + ": each line must be a JSON object");
    JsonNode id = node.get("id");
    InvalidRequestException.check(id != null && id.isTextual() && !id.asText().isEmpty(),
        where + ": \"id\" must be a non-empty string");
    EvalCase.Builder b = EvalCase.builder(id.asText());
    b.input(text(node, "input", where));
    b.expected(text(node, "expected", where));
    JsonNode messages = node.get("messages");
    if (messages != null && !messages.isNull()) {
      InvalidRequestException.check(messages.isArray(), where + ": \"messages\" must be an array");
      List<ChatMessage> list = new ArrayList<>();
      for (JsonNode m : messages) {
        String role = text(m, "role", where).toUpperCase(Locale.ROOT);
        Role r;
        try {
          r = Role.valueOf(role);
        } catch (IllegalArgumentException e) {
          throw new InvalidRequestException(where + ": unknown role \"" + role.toLowerCase(Locale.ROOT)
              + "\" (system, user, assistant, tool)");
        }
        list.add(new ChatMessage(r, text(m, "content", where)));
      }
      b.messages(list);
    }
    JsonNode metadata = node.get("metadata");
    if (metadata != null && !metadata.isNull()) {
      InvalidRequestException.check(metadata.isObject(), where + ": \"metadata\" must be an object");
      Map<String, String> md = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        md.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
      }
      b.metadata(md);
    }
    JsonNode tags = node.get("tags");
    if (tags != null && !tags.isNull()) {
      InvalidRequestException.check(tags.isArray(), where + ": \"tags\" must be an array of strings");
      for (JsonNode t : tags) {
        InvalidRequestException.check(t.isTextual(), where + ": \"tags\" must be an array of strings");
        b.tag(t.asText());
      }
    }
    try {
      return b.build();
    } catch (InvalidRequestException e) {
      throw new InvalidRequestException(where + ": " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return "";
    }
    InvalidRequestException.check(v.isTextual(), where + ": \"" + field + "\" must be a string");
    return v.asText();
  }

  /**
   * Writes a dataset as JSONL, one case per line in order.
   *
   * @param dataset the dataset
   * @param file the file, replaced if present
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void write(EvalDataset dataset, Path file) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(dataset, w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write dataset " + file, e);
    }
  }

  /**
   * Writes a dataset as JSONL to a writer (not closed).
   *
   * @param dataset the dataset
   * @param writer the target
   * @throws UncheckedIOException if writing fails
   */
  public static void write(EvalDataset dataset, Writer writer) {
    try {
      BufferedWriter bw = writer instanceof BufferedWriter ? (BufferedWriter) writer : new BufferedWriter(writer);
      for (EvalCase c : dataset.cases()) {
        bw.write(toJson(c));
        bw.write('\n');
      }
      bw.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write dataset " + dataset.name(), e);
    }
  }

  /**
   * Returns one case as a single-line JSON object.
   *
   * @param c the case
   * @return the JSON text
   */
  static String toJson(EvalCase c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", c.id());
    if (!c.input().isEmpty()) {
      o.put("input", c.input());
    }
    if (!c.messages().isEmpty()) {
      ArrayNode ms = o.putArray("messages");
      for (ChatMessage m : c.messages()) {
        ms.addObject().put("role", m.role().templateName()).put("content", m.content());
      }
    }
    if (!c.expected().isEmpty()) {
      o.put("expected", c.expected());
    }
    if (!c.metadata().isEmpty()) {
      ObjectNode md = o.putObject("metadata");
      new java.util.TreeMap<>(c.metadata()).forEach(md::put);
    }
    if (!c.tags().isEmpty()) {
      ArrayNode ts = o.putArray("tags");
      new java.util.TreeSet<>(c.tags()).forEach(ts::add);
    }
    return o.toString();
  }
}
