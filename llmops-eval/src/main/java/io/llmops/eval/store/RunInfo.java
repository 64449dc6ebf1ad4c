package io.llmops.eval.store;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a run was: its id, the dataset (name and content hash), the model's identity, the prompt version, the
 * parameters and the seed that make it reproducible. Immutable and thread-safe.
 *
 * @param runId unique id of the run
 * @param datasetName the dataset's name
 * @param datasetVersion the dataset's content hash ({@link io.llmops.evaluation.EvalDataset#version()})
 * @param model the model under test
 * @param promptVersion the version of the prompt template, empty when none
 * @param parameters sampling and run parameters as text (sorted by key)
 * @param seed the run's base seed; each case's seed derives from it and the case id
 * @param startedAtMillis when the run was first started, epoch milliseconds
 * @since 0.1.0
 */
public record RunInfo(String runId, String datasetName, String datasetVersion, ModelIdentity model,
    String promptVersion, Map<String, String> parameters, long seed, long startedAtMillis) {

  /**
   * Validates and copies the components.
   *
   * @throws NullPointerException if a component is {@code null}
   */
  public RunInfo {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(datasetName, "datasetName");
    Objects.requireNonNull(datasetVersion, "datasetVersion");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(promptVersion, "promptVersion");
    parameters = java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
  }
}
