package io.llmops.model;

/**
 * A model that answers a conversation, blocking or streaming. Implementations are thread-safe: many threads may call
 * them at once (a runtime serves them in turn or batches them).
 *
 * <pre>{@code
 * ChatResponse r = model.chat(ChatRequest.of("Tell me a story"));
 * StreamHandle<ChatResponse> h = model.stream(request, StreamHandler.onToken(t -> System.out.print(t.text())));
 * h.cancel(); // from any thread
 * }</pre>
 *
 * @since 0.1.0
 */
public interface ChatModel {

  /**
   * Describes the model.
   *
   * @return the model info
   */
  ModelInfo info();

  /**
   * Starts a streamed answer and returns at once (or after the prompt is accepted). Errors found before generation
   * starts (invalid request, prompt longer than the context) are thrown here; later ones reach {@link
   * StreamHandler#onError}.
   *
   * @param request the conversation and parameters
   * @param handler receives tokens and the outcome
   * @return the handle that cancels or awaits the generation
   * @throws io.llmops.ContextLengthExceededException if the prompt does not fit in the context
   * @throws io.llmops.InvalidRequestException if the request cannot be served (e.g. a role the template lacks)
   */
  StreamHandle<ChatResponse> stream(ChatRequest request, StreamHandler<ChatResponse> handler);

  /**
   * Answers and blocks until done.
   *
   * @param request the conversation and parameters
   * @return the answer
   * @throws io.llmops.ContextLengthExceededException if the prompt does not fit in the context
   * @throws io.llmops.LlmOpsException if the generation fails
   */
  default ChatResponse chat(ChatRequest request) {
    return stream(request, StreamHandler.discarding()).await();
  }
}
