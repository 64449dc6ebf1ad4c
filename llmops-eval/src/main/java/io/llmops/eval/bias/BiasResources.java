package io.llmops.eval.bias;

import io.llmops.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in audit material, read from tab-separated resources beside this class: {@code terms.tsv} (counterfactual
 * term pairs for gender, ethnicity via first names, religion, age and nationality), {@code templates.tsv} (contexts
 * with a continuation scored after them) and {@code bbq.tsv} (BBQ-style scenarios). Written for this project; no
 * benchmark text is copied. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class BiasResources {
  private BiasResources() {}

  /**
   * A context template and the continuation scored after it.
   *
   * @param context text with {@code {X}} where the term goes
   * @param continuation the text whose log-likelihood is compared
   * @since 0.1.0
   */
  public record Template(String context, String continuation) {}

  /**
   * Returns the built-in term pairs.
   *
   * @return pairs of every axis
   */
  public static List<CounterfactualPair> pairs() {
    List<CounterfactualPair> out = new ArrayList<>();
    for (String[] f : rows("terms.tsv", 5)) {
      out.add(new CounterfactualPair(f[0], f[1], f[2], f[3], f[4]));
    }
    return out;
  }

  /**
   * Returns the built-in templates.
   *
   * @return templates with {@code {X}}
   */
  public static List<Template> templates() {
    List<Template> out = new ArrayList<>();
    for (String[] f : rows("templates.tsv", 2)) {
      out.add(new Template(f[0], f[1]));
    }
    return out;
  }

  static List<String[]> rows(String resource, int fields) {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = BiasResources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int lineNo = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        lineNo++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        InvalidRequestException.check(f.length == fields, resource + ":" + lineNo + ": expected " + fields
            + " tab-separated fields, found " + f.length);
        out.add(f);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
