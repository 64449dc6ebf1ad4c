package io.llmops.eval.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge's raw score and reason, parsed robustly from free text. Accepted forms, tried in order: a JSON object with
 * {@code score} (or {@code rating}) and {@code reason} (or {@code explanation}), possibly inside prose or a code
 * fence; {@code "Score: 4/5"}, {@code "Rating: 4 out of 5"}, {@code "score = 4"}; a bare fraction {@code "4/5"}; a
 * bare number on its own line or opening the text. Immutable and thread-safe.
 *
 * @param score the raw score on the judge's scale
 * @param reason the judge's explanation, or the whole reply when it gave none apart
 * @since 0.1.0
 */
public record JudgeVerdict(double score, String reason) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern JSON_OBJECT = Pattern.compile("\\{[^{}]*}", Pattern.DOTALL);
  private static final String NUM = "([0-9]+(?:\\.[0-9]+)?)";
  private static final Pattern LABELLED = Pattern.compile(
      "(?i)\\b(?:score|rating|grade)\\b\\s*[:=]?\\s*\\**\\s*" + NUM + "(?:\\s*(?:/|out of)\\s*" + NUM + ")?");
  private static final Pattern FRACTION = Pattern.compile(NUM + "\\s*(?:/|out of)\\s*" + NUM);
  private static final Pattern BARE = Pattern.compile("(?m)^\\s*" + NUM + "\\s*(?:$|[.)\\-:])");

  /**
   * Parses a judge's reply.
   *
   * @param reply the judge's text
   * @return the verdict, empty when no score can be found
   */
  public static Optional<JudgeVerdict> parse(String reply) {
    Matcher m = JSON_OBJECT.matcher(reply);
    while (m.find()) {
      try {
        JsonNode node = JSON.readTree(m.group());
        JsonNode s = node.has("score") ? node.get("score") : node.get("rating");
        if (s != null && (s.isNumber() || s.isTextual() && s.asText().matches(NUM))) {
          JsonNode r = node.has("reason") ? node.get("reason") : node.get("explanation");
          return Optional.of(new JudgeVerdict(s.asDouble(), r == null ? reply.trim() : r.asText()));
        }
      } catch (java.io.IOException e) {
        // Not JSON after all: try the next object or the textual forms.
      }
    }
    for (Pattern p : new Pattern[] {LABELLED, FRACTION, BARE}) {
      Matcher t = p.matcher(reply);
      if (t.find()) {
        return Optional.of(new JudgeVerdict(Double.parseDouble(t.group(1)), reasonAround(reply, t)));
      }
    }
    return Optional.empty();
  }

  private static String reasonAround(String reply, Matcher m) {
    String rest = (reply.substring(0, m.start()) + " " + reply.substring(m.end())).trim();
    rest = rest.replaceFirst("(?i)^(?:reason|explanation)\\s*[:=]\\s*", "").replaceFirst("(?i)\\s*(?:reason|explanation)\\s*[:=]\\s*", " ").trim();
    return rest.isEmpty() ? reply.trim() : rest;
  }
}
