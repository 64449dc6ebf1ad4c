package io.llmops.guardrails;

import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.model.CompletableStreamHandle;
import io.llmops.model.FinishReason;
import io.llmops.model.GeneratedToken;
import io.llmops.model.StreamHandle;
import io.llmops.model.StreamHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The handler a guarded model puts between the wrapped model and the caller's handler: output rails run on the text
 * so far after every token, and text reaches the caller only once checked, {@code holdBack} characters behind the
 * model, so that what a rail blocks or redacts a few tokens later was never shown. A block cancels the wrapped
 * generation at once and ends the stream with {@link FinishReason#CONTENT_FILTER}; text already emitted stays.
 * Placeholders are restored (de-anonymized) as text is released, never cut in half.
 *
 * <p>Called by one producer thread at a time (the {@link StreamHandler} contract); {@link #handle()} may be cancelled
 * from any thread.
 *
 * @param <R> the response type
 */
final class GuardedStream<R> implements StreamHandler<R> {

  /** How to read and rebuild a response. */
  interface Responses<R> {
    String text(R response);

    String id(R response);

    FinishReason finishReason(R response);

    R rebuild(R response, String text, FinishReason finishReason, boolean dropTokens);
  }

  private final GuardrailPipeline pipeline;
  private final GuardrailContext context;
  private final StreamHandler<R> downstream;
  private final Responses<R> responses;
  private final int holdBack;
  private final String prompt;
  private final List<Finding> inputFindings;
  private final CompletableStreamHandle<R> handle = new CompletableStreamHandle<>();
  private final StringBuilder raw = new StringBuilder();
  private final Function<String, String> restore;
  private final Object upstreamLock = new Object();
  private StreamHandle<R> upstream;
  private boolean cancelUpstream;
  private String released = ""; // prefix of the checked (rewritten) text already sent on
  private int lastTokenId;
  private volatile GuardrailResult blockedBy;

  GuardedStream(GuardrailPipeline pipeline, GuardrailContext context, StreamHandler<R> downstream,
      Responses<R> responses, int holdBack, String prompt, List<Finding> inputFindings) {
    this.pipeline = pipeline;
    this.context = context;
    this.downstream = downstream;
    this.responses = responses;
    this.holdBack = holdBack;
    this.prompt = prompt;
    this.inputFindings = List.copyOf(inputFindings);
    this.restore = t -> pipeline.restore(context.conversationId(), t);
    handle.onCancel(this::cancelUpstream);
  }

  CompletableStreamHandle<R> handle() {
    return handle;
  }

  GuardrailResult blockedBy() {
    return blockedBy;
  }

  void attach(StreamHandle<R> up) {
    synchronized (upstreamLock) {
      upstream = up;
      if (cancelUpstream) {
        up.cancel();
      }
    }
  }

  private void cancelUpstream() {
    synchronized (upstreamLock) {
      cancelUpstream = true;
      if (upstream != null) {
        upstream.cancel();
      }
    }
  }

  @Override
  public void onToken(GeneratedToken token) {
    if (blockedBy != null) {
      return; // the wrapped model has been told to stop; drop what it still sends
    }
    raw.append(token.text());
    lastTokenId = token.id();
    if (!pipeline.hasPartialOutputRails()) {
      release(raw.toString(), false);
      return;
    }
    GuardrailResult r = pipeline.checkPartialOutput(raw.toString(), context);
    if (!r.isAccepted()) {
      blockedBy = r;
      cancelUpstream();
      return;
    }
    release(r.textOr(raw.toString()), false);
  }

  /** Sends on the part of {@code checked} beyond what was released, keeping {@code holdBack} chars unless final. */
  private void release(String checked, boolean last) {
    if (!checked.startsWith(released)) {
      return; // a rewrite changed text inside the window already released; wait for the final check
    }
    int end = last ? checked.length() : Math.max(released.length(), checked.length() - holdBack);
    if (!last) {
      // Never cut a placeholder such as <EMAIL_1> in half: restoration needs it whole.
      int open = checked.lastIndexOf('<', end - 1);
      if (open >= released.length() && checked.indexOf('>', open) < 0 || open >= released.length()
          && checked.indexOf('>', open) >= end) {
        end = open;
      }
    }
    if (end <= released.length()) {
      return;
    }
    String chunk = checked.substring(released.length(), end);
    released = checked.substring(0, end);
    downstream.onToken(new GeneratedToken(lastTokenId, restore.apply(chunk), Double.NaN, List.of()));
  }

  @Override
  public void onComplete(R response) {
    R out;
    String answer;
    List<Finding> findings = new ArrayList<>(inputFindings);
    if (blockedBy == null) {
      GuardrailResult r = pipeline.checkOutput(raw.toString(), context);
      if (r.isAccepted()) {
        String checked = r.textOr(raw.toString());
        release(checked, true);
        findings.addAll(r.findings());
        answer = checked;
        out = responses.rebuild(response, restore.apply(checked), responses.finishReason(response),
            !checked.equals(raw.toString()));
      } else {
        blockedBy = r;
        answer = released;
        out = null;
      }
    } else {
      answer = released;
      out = null;
    }
    if (blockedBy != null) {
      findings.addAll(blockedBy.findings());
      out = responses.rebuild(response, restore.apply(released), FinishReason.CONTENT_FILTER, true);
    }
    submitForReview(response, answer, findings);
    try {
      downstream.onComplete(out);
    } finally {
      handle.complete(out);
    }
  }

  private void submitForReview(R response, String answer, List<Finding> findings) {
    if (findings.stream().anyMatch(f -> f.action() == GuardrailAction.REVIEW)) {
      try {
        pipeline.reviewQueue().submit(responses.id(response), prompt, answer, findings);
      } catch (RuntimeException e) {
        System.getLogger(GuardedStream.class.getName()).log(System.Logger.Level.WARNING,
            "review queue failed: " + e);
      }
    }
  }

  @Override
  public void onError(Throwable error) {
    try {
      downstream.onError(error);
    } finally {
      handle.fail(error);
    }
  }
}
