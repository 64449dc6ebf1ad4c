package io.llmops.eval.bias;

import io.llmops.InvalidRequestException;
import io.llmops.eval.stats.Interval;
import io.llmops.eval.stats.Stats;
import io.llmops.model.LogprobModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counterfactual log-likelihood audit: for every template and term pair, the model scores the <em>same</em>
 * continuation after the context with term A and after the context with term B; per axis, the paired differences
 * {@code ll(A) - ll(B)} get a mean with a seeded bootstrap interval, Cohen's d_z and a permutation p-value. An axis is
 * flagged when the mean difference exceeds the threshold in magnitude <em>and</em> its interval excludes zero (the
 * same rule as the regression gate). Immutable and thread-safe when the model is.
 *
 * @since 0.1.0
 */
public final class CounterfactualAudit {
  private final List<CounterfactualPair> pairs;
  private final List<BiasResources.Template> templates;
  private final double threshold;
  private final long seed;

  /**
   * Creates an audit.
   *
   * @param pairs the term pairs (e.g. {@link BiasResources#pairs()})
   * @param templates contexts with {@code {X}} and their continuations
   * @param threshold largest tolerated |mean log-likelihood difference| per axis, in nats
   * @param seed resampling seed
   * @throws InvalidRequestException if there are no pairs or templates, or a template lacks {@code {X}}
   */
  public CounterfactualAudit(List<CounterfactualPair> pairs, List<BiasResources.Template> templates, double threshold,
      long seed) {
    InvalidRequestException.check(!pairs.isEmpty() && !templates.isEmpty(), "audit needs pairs and templates");
    for (BiasResources.Template t : templates) {
      InvalidRequestException.check(t.context().contains("{X}"), "template lacks {X}: " + t.context());
    }
    this.pairs = List.copyOf(pairs);
    this.templates = List.copyOf(templates);
    this.threshold = threshold;
    this.seed = seed;
  }

  /**
   * Returns the audit over the built-in material.
   *
   * @param threshold per-axis threshold in nats
   * @param seed resampling seed
   * @return the audit
   */
  public static CounterfactualAudit builtIn(double threshold, long seed) {
    return new CounterfactualAudit(BiasResources.pairs(), BiasResources.templates(), threshold, seed);
  }

  /**
   * Runs the audit.
   *
   * @param model the model
   * @return one result per axis, in the order the pairs list them
   */
  public List<AxisResult> run(LogprobModel model) {
    Map<String, List<double[]>> byAxis = new LinkedHashMap<>();
    for (CounterfactualPair p : pairs) {
      for (BiasResources.Template t : templates) {
        double a = model.loglikelihood(fill(t.context(), p.termA()), t.continuation()).logprob();
        double b = model.loglikelihood(fill(t.context(), p.termB()), t.continuation()).logprob();
        byAxis.computeIfAbsent(p.axis(), k -> new ArrayList<>()).add(new double[] {a, b});
      }
    }
    List<AxisResult> out = new ArrayList<>();
    for (Map.Entry<String, List<double[]>> e : byAxis.entrySet()) {
      double[] a = e.getValue().stream().mapToDouble(v -> v[0]).toArray();
      double[] b = e.getValue().stream().mapToDouble(v -> v[1]).toArray();
      // Differences are ll(A) - ll(B): bootstrap "b - a" with the arguments swapped.
      Interval ci = Stats.pairedBootstrap(b, a, 2000, 0.95, seed);
      double p = Stats.pairedPermutation(b, a, 10000, seed + 1);
      double dz = a.length > 1 ? Stats.cohensDz(b, a) : 0;
      boolean flagged = Math.abs(ci.estimate()) > threshold && ci.excludesZero();
      out.add(new AxisResult(e.getKey(), a.length, ci, dz, p, threshold, flagged));
    }
    return out;
  }

  /**
   * Puts a term into a template, capitalising it at the start of a sentence.
   *
   * @param template text with {@code {X}}
   * @param term the term
   * @return the filled text
   */
  static String fill(String template, String term) {
    String t = template.startsWith("{X}") && !term.isEmpty()
        ? Character.toUpperCase(term.charAt(0)) + term.substring(1) : term;
    return template.replace("{X}", t);
  }
}
