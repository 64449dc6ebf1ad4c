package io.llmops.guardrails;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.Guardrail;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import io.llmops.guardrail.OutputGuardrail;
import io.llmops.guardrails.anonymize.Vault;
import io.llmops.guardrails.internal.TextNormalizer;
import io.llmops.review.ReviewQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Ordered input and output rails. Each rail sees the text as the previous one left it (a redaction feeds the next
 * rail); a {@link GuardrailResult.Outcome#FATAL} stops at once, a {@link GuardrailResult.Outcome#FAIL} lets the
 * remaining rails add their findings but rejects the text. The combined result carries every finding, in order;
 * each rail's own result goes to the {@link GuardrailListener}.
 *
 * <p>Thread-safe and immutable; build once and share.
 *
 * @since 0.1.0
 */
public final class GuardrailPipeline {
  private static final System.Logger LOG = System.getLogger(GuardrailPipeline.class.getName());
  /** The name the combined result carries when no single rail rejected the text. */
  public static final String NAME = "pipeline";

  private final List<InputGuardrail> inputRails;
  private final List<OutputGuardrail> outputRails;
  private final GuardrailListener listener;
  private final ReviewQueue reviewQueue;
  private final List<Vault> vaults;

  private GuardrailPipeline(Builder b) {
    inputRails = List.copyOf(b.inputRails);
    outputRails = List.copyOf(b.outputRails);
    listener = b.listener;
    reviewQueue = b.reviewQueue;
    vaults = List.copyOf(b.vaults);
  }

  /**
   * Returns an empty builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this pipeline's rails and settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.inputRails.addAll(inputRails);
    b.outputRails.addAll(outputRails);
    b.listener = listener;
    b.reviewQueue = reviewQueue;
    b.vaults.addAll(vaults);
    return b;
  }

  /**
   * Returns the review queue flagged exchanges go to.
   *
   * @return the queue ({@link ReviewQueue#noop()} by default)
   */
  public ReviewQueue reviewQueue() {
    return reviewQueue;
  }

  /**
   * Checks a prompt with every input rail.
   *
   * @param text the prompt
   * @param context its context (direction {@code INPUT})
   * @return the combined verdict; {@link GuardrailResult#textOr} gives the text to send on
   */
  public GuardrailResult checkInput(String text, GuardrailContext context) {
    return run(inputRails, text, context, false);
  }

  /**
   * Checks a whole answer with every output rail.
   *
   * @param text the answer
   * @param context its context (direction {@code OUTPUT}, with the question)
   * @return the combined verdict
   */
  public GuardrailResult checkOutput(String text, GuardrailContext context) {
    return run(outputRails, text, context, false);
  }

  /**
   * Checks a partial answer while it streams, with the rails that {@linkplain OutputGuardrail#checksPartialText()
   * judge partial text}.
   *
   * @param textSoFar the answer so far
   * @param context its context
   * @return the combined verdict
   */
  public GuardrailResult checkPartialOutput(String textSoFar, GuardrailContext context) {
    return run(outputRails, textSoFar, context, true);
  }

  /**
   * Returns whether any output rail judges partial text (if none, streaming needs no hold-back).
   *
   * @return {@code true} if streaming checks apply
   */
  public boolean hasPartialOutputRails() {
    return outputRails.stream().anyMatch(OutputGuardrail::checksPartialText);
  }

  /**
   * Restores placeholders of the conversation in a text, through every vault registered.
   *
   * @param conversationId the conversation
   * @param text e.g. the model's answer
   * @return the text with originals back
   */
  public String restore(String conversationId, String text) {
    String t = text;
    for (Vault v : vaults) {
      t = v.restore(conversationId, t);
    }
    return t;
  }

  private GuardrailResult run(List<? extends Guardrail> rails, String text, GuardrailContext context,
      boolean partialOnly) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(context, "context");
    // Rails that normalise the same text (toxicity, injection) share the result within this call.
    try (TextNormalizer.Scope scope = TextNormalizer.openScope()) {
      return runRails(rails, text, context, partialOnly);
    }
  }

  private GuardrailResult runRails(List<? extends Guardrail> rails, String text, GuardrailContext context,
      boolean partialOnly) {
    String current = text;
    boolean rewritten = false;
    List<Finding> findings = new ArrayList<>();
    GuardrailResult rejection = null;
    for (Guardrail rail : rails) {
      if (partialOnly && !((OutputGuardrail) rail).checksPartialText()) {
        continue;
      }
      GuardrailResult r;
      try {
        r = rail.check(current, context);
      } catch (RuntimeException e) {
        // A broken rail must not let text through silently: treat it as a rejection.
        LOG.log(System.Logger.Level.WARNING, "guardrail " + rail.name() + " failed: " + e);
        r = GuardrailResult.fatal(rail.name(), "guardrail failed: " + e.getClass().getSimpleName(), List.of());
      }
      notify(context, r);
      findings.addAll(r.findings());
      if (r.outcome() == GuardrailResult.Outcome.REWRITE) {
        current = r.textOr(current);
        rewritten = true;
      } else if (!r.isAccepted()) {
        if (rejection == null) {
          rejection = r;
        }
        if (r.outcome() == GuardrailResult.Outcome.FATAL) {
          break;
        }
      }
    }
    if (rejection != null) {
      return rejection.outcome() == GuardrailResult.Outcome.FATAL
          ? GuardrailResult.fatal(rejection.guardrail(), rejection.reason(), findings)
          : GuardrailResult.fail(rejection.guardrail(), rejection.reason(), findings);
    }
    return rewritten ? GuardrailResult.rewrite(NAME, current, findings) : GuardrailResult.pass(NAME, findings);
  }

  private void notify(GuardrailContext context, GuardrailResult r) {
    try {
      listener.onResult(context, r);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "guardrail listener failed: " + e);
    }
  }

  @Override
  public String toString() {
    return "GuardrailPipeline{input=" + inputRails.stream().map(Guardrail::name).toList() + ", output="
        + outputRails.stream().map(Guardrail::name).toList() + '}';
  }

  /**
   * Builds {@link GuardrailPipeline}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<InputGuardrail> inputRails = new ArrayList<>();
    private final List<OutputGuardrail> outputRails = new ArrayList<>();
    private GuardrailListener listener = GuardrailListener.noop();
    private ReviewQueue reviewQueue = ReviewQueue.noop();
    private final List<Vault> vaults = new ArrayList<>();

    private Builder() {}

    /**
     * Appends an input rail.
     *
     * @param rail the rail
     * @return this builder
     */
    public Builder input(InputGuardrail rail) {
      inputRails.add(Objects.requireNonNull(rail, "rail"));
      return this;
    }

    /**
     * Appends an output rail.
     *
     * @param rail the rail
     * @return this builder
     */
    public Builder output(OutputGuardrail rail) {
      outputRails.add(Objects.requireNonNull(rail, "rail"));
      return this;
    }

    /**
     * Sets the listener.
     *
     * @param listener receives every rail's verdict
     * @return this builder
     */
    public Builder listener(GuardrailListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets the queue for exchanges flagged with {@link io.llmops.guardrail.GuardrailAction#REVIEW}.
     *
     * @param queue the queue
     * @return this builder
     */
    public Builder reviewQueue(ReviewQueue queue) {
      this.reviewQueue = Objects.requireNonNull(queue, "queue");
      return this;
    }

    /**
     * Registers a vault whose placeholders are restored in answers (e.g. {@code piiGuardrail.vault()}).
     *
     * @param vault the vault
     * @return this builder
     */
    public Builder deanonymizeWith(Vault vault) {
      vaults.add(Objects.requireNonNull(vault, "vault"));
      return this;
    }

    /**
     * Builds.
     *
     * @return the pipeline
     */
    public GuardrailPipeline build() {
      return new GuardrailPipeline(this);
    }
  }
}
