package io.llmops.cli;

import io.llmops.model.ChatMessage;
import io.llmops.model.ChatRequest;
import io.llmops.model.ChatResponse;
import io.llmops.model.LanguageModel;
import io.llmops.model.StreamHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code llmops chat -m FILE}: an interactive conversation through the model's chat template. Each line read from
 * standard input is a user turn; the answer streams to standard output. {@code /reset} clears the history,
 * {@code /exit} or end of input quits.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
    description = "Chat interactively; answers stream as they are generated.")
final class ChatCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptionsMixin options;

  @Option(names = "--system", description = "system prompt")
  String system;

  @Option(names = "--timings", description = "print timings to stderr after each answer")
  boolean timings;

  BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<ChatMessage> history = new ArrayList<>();
    try (LanguageModel model = options.load(options.loader())) {
      err.println("llmops: chatting with " + model.info().name() + " (" + model.info().architecture() + ", "
          + model.info().quantization() + "); /reset clears the history, /exit quits");
      while (true) {
        err.print("> ");
        err.flush();
        String line = input.readLine();
        if (line == null || line.strip().equals("/exit")) {
          return 0;
        }
        if (line.strip().equals("/reset")) {
          history.clear();
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        ChatRequest.Builder request = ChatRequest.builder().parameters(options.sampling());
        if (system != null) {
          request.message(ChatMessage.system(system));
        }
        history.add(ChatMessage.user(line));
        history.forEach(request::message);
        ChatResponse r = model.stream(request.build(), StreamHandler.onToken(t -> {
          out.print(t.text());
          out.flush();
        })).await();
        out.println();
        out.flush();
        history.add(r.message());
        if (timings) {
          err.println(Timings.describe(r.completion()));
        }
      }
    }
  }
}
