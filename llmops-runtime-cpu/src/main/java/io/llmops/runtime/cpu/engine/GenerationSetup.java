package io.llmops.runtime.cpu.engine;

import io.llmops.model.CompletableStreamHandle;
import io.llmops.model.CompletionResponse;
import io.llmops.model.StreamHandler;
import io.llmops.observation.ModelCallContext;
import io.llmops.observation.ModelListener;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Everything a generation needs besides its prompt and sampling parameters: the model's text facilities, where the
 * output goes, and how the response is wrapped. Immutable.
 *
 * @param modelName the name put in responses
 * @param contextLength positions per sequence
 * @param threads the backend's thread count (reported in the stats)
 * @param kvBytesPerPosition KV bytes per evaluated position (reported in the stats)
 * @param decoder this generation's streaming UTF-8 decoder
 * @param endOfGeneration whether a token ends generation (EOS, EOT)
 * @param tokenText the text of a token alone (for top log-probabilities)
 * @param handler the caller's handler
 * @param handle the caller's handle
 * @param listener the model's listener, already {@link ModelListener#safe safe}
 * @param context the call's listener context (its id becomes the response id)
 * @param wrap turns the completion into the caller's response type
 * @param <R> the response type
 * @since 0.1.0
 */
public record GenerationSetup<R>(String modelName, int contextLength, int threads, long kvBytesPerPosition,
    TextDecoder decoder, IntPredicate endOfGeneration, IntFunction<String> tokenText, StreamHandler<R> handler,
    CompletableStreamHandle<R> handle, ModelListener listener, ModelCallContext context,
    Function<CompletionResponse, R> wrap) {}
