package io.llmops.model;

/**
 * A model that continues raw text, with no chat template. Thread-safe, like {@link ChatModel}.
 *
 * @since 0.1.0
 */
public interface CompletionModel {

  /**
   * Starts a streamed completion. Errors found before generation starts are thrown here; later ones reach {@link
   * StreamHandler#onError}.
   *
   * @param request the prompt and parameters
   * @param handler receives tokens and the outcome
   * @return the handle that cancels or awaits the generation
   * @throws io.llmops.ContextLengthExceededException if the prompt does not fit in the context
   */
  StreamHandle<CompletionResponse> stream(CompletionRequest request, StreamHandler<CompletionResponse> handler);

  /**
   * Completes and blocks until done.
   *
   * @param request the prompt and parameters
   * @return the completion
   * @throws io.llmops.ContextLengthExceededException if the prompt does not fit in the context
   * @throws io.llmops.LlmOpsException if the generation fails
   */
  default CompletionResponse complete(CompletionRequest request) {
    return stream(request, StreamHandler.discarding()).await();
  }
}
