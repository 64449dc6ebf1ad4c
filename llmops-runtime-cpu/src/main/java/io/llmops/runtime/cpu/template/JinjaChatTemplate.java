package io.llmops.runtime.cpu.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import io.llmops.InvalidRequestException;
import io.llmops.ModelLoadException;
import io.llmops.model.ChatMessage;
import io.llmops.prompt.ChatTemplate;
import io.llmops.runtime.cpu.gguf.GgufFile;
import io.llmops.runtime.cpu.gguf.GgufValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link ChatTemplate} that renders a Hugging Face style Jinja chat template with Jinjava, as {@code transformers}
 * does ({@code trim_blocks} and {@code lstrip_blocks} on; variables {@code messages} (a list of {@code {role,
 * content}}), {@code add_generation_prompt}, {@code bos_token}, {@code eos_token}; functions {@code raise_exception}
 * and {@code strftime_now}). Python string methods that Jinjava lacks ({@code .upper()}, {@code .startswith(..)},
 * {@code .split(..)}, {@code .strip(..)}, ...) are rewritten to equivalent filters before rendering.
 *
 * <p>{@link #from(GgufFile)} uses the file's {@code tokenizer.chat_template}; when there is none it picks a built-in
 * by the special tokens the vocabulary has ({@code <|start_header_id|>}: {@code llama3}, {@code <|im_start|>}:
 * {@code chatml}, {@code [INST]}: {@code mistral}), else {@code plain}, which joins the contents with newlines (for
 * base models such as stories260K).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class JinjaChatTemplate implements ChatTemplate {
  private static final Pattern[] REWRITES = {
      Pattern.compile("\\.(upper|lower|title|capitalize)\\(\\s*\\)"),
      Pattern.compile("\\.strip\\(\\s*\\)"),
      Pattern.compile("\\.(startswith|endswith)\\("),
      Pattern.compile("\\.(strip|lstrip|rstrip|split)\\("),
  };
  private static final String[] REPLACEMENTS = {"|$1", "|trim", "|$1(", "|py$1("};

  private final String name;
  private final String source;
  private final String bosToken;
  private final String eosToken;
  private final Jinjava jinjava;

  private JinjaChatTemplate(String name, String source, String bosToken, String eosToken) {
    this.name = Objects.requireNonNull(name, "name");
    this.source = rewrite(Objects.requireNonNull(source, "source"));
    this.bosToken = bosToken == null ? "" : bosToken;
    this.eosToken = eosToken == null ? "" : eosToken;
    this.jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withLstripBlocks(true).build());
    jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
        TemplateFunctions.class, "raiseException", String.class));
    jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
        TemplateFunctions.class, "strftimeNow", String.class));
    TemplateFunctions.filters().forEach(f -> jinjava.getGlobalContext().registerFilter(f));
  }

  /**
   * Creates a template from Jinja source.
   *
   * @param name a short name for logs and {@link #name()}
   * @param source the Jinja template
   * @param bosToken the text of the BOS token ({@code bos_token}), may be null for none
   * @param eosToken the text of the EOS token ({@code eos_token}), may be null for none
   * @return the template
   */
  public static JinjaChatTemplate of(String name, String source, String bosToken, String eosToken) {
    return new JinjaChatTemplate(name, source, bosToken, eosToken);
  }

  /**
   * Returns a built-in template: {@code llama3}, {@code chatml}, {@code mistral} or {@code plain}.
   *
   * @param name the template name
   * @param bosToken the BOS token text, may be null
   * @param eosToken the EOS token text, may be null
   * @return the template
   * @throws IllegalArgumentException for another name
   */
  public static JinjaChatTemplate builtIn(String name, String bosToken, String eosToken) {
    String src = BuiltinTemplates.SOURCES.get(name);
    if (src == null) {
      throw new IllegalArgumentException("no built-in chat template '" + name + "' (have "
          + BuiltinTemplates.SOURCES.keySet() + ")");
    }
    return new JinjaChatTemplate(name, src, bosToken, eosToken);
  }

  /**
   * Returns the chat template of a GGUF model: its {@code tokenizer.chat_template}, else a built-in chosen by its
   * vocabulary (see the class description).
   *
   * @param file an open GGUF file (only metadata is read)
   * @return the template, named {@code "gguf"} or after the built-in
   * @throws ModelLoadException if the template or token metadata has the wrong type
   */
  public static JinjaChatTemplate from(GgufFile file) {
    String[] tokens = file.value("tokenizer.ggml.tokens").map(GgufValue::asStringArray).orElse(new String[0]);
    String bos = tokenText(file, tokens, "tokenizer.ggml.bos_token_id");
    String eos = tokenText(file, tokens, "tokenizer.ggml.eos_token_id");
    Optional<String> source = file.optionalString("tokenizer.chat_template");
    if (source.isPresent() && !source.get().isBlank()) {
      return new JinjaChatTemplate("gguf", source.get(), bos, eos);
    }
    List<String> vocab = List.of(tokens);
    String builtIn = vocab.contains("<|start_header_id|>") ? "llama3"
        : vocab.contains("<|im_start|>") ? "chatml"
        : vocab.contains("[INST]") ? "mistral"
        : "plain";
    return builtIn(builtIn, bos, eos);
  }

  private static String tokenText(GgufFile file, String[] tokens, String key) {
    long id = file.getLong(key, -1);
    return id >= 0 && id < tokens.length ? tokens[(int) id] : null;
  }

  /**
   * Jinja whitespace control ({@code {%-}, {@code -%}} and the same on {@code {{ }}} and comments) strips the
   * whitespace next to a tag; Jinjava does not honour it on all tag kinds, so it is applied here to the source text.
   */
  private static final Pattern LEFT_TRIM = Pattern.compile("\\s*\\{([{%#])-");
  private static final Pattern RIGHT_TRIM = Pattern.compile("-([}%#])\\}\\s*");

  static String rewrite(String src) {
    String s = LEFT_TRIM.matcher(src).replaceAll("{$1");
    s = RIGHT_TRIM.matcher(s).replaceAll("$1}");
    for (int i = 0; i < REWRITES.length; i++) {
      s = REWRITES[i].matcher(s).replaceAll(REPLACEMENTS[i]);
    }
    return s;
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidRequestException if the template calls {@code raise_exception} (e.g. roles out of order)
   * @throws ModelLoadException if the template itself is broken (syntax error, unknown construct)
   */
  @Override
  public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    List<Map<String, Object>> msgs = new ArrayList<>(messages.size());
    for (ChatMessage m : messages) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("role", m.role().templateName());
      map.put("content", m.content());
      msgs.add(map);
    }
    Map<String, Object> context = new HashMap<>();
    context.put("messages", msgs);
    context.put("add_generation_prompt", addGenerationPrompt);
    context.put("bos_token", bosToken);
    context.put("eos_token", eosToken);
    RenderResult result;
    try {
      result = jinjava.renderForResult(source, context);
    } catch (TemplateFunctions.TemplateRaisedException e) {
      throw new InvalidRequestException(e.getMessage());
    } catch (RuntimeException e) {
      String raised = raisedMessage(e);
      if (raised != null) {
        throw new InvalidRequestException(raised);
      }
      throw new ModelLoadException("chat template " + name + " failed: " + e.getMessage(), e);
    }
    for (TemplateError err : result.getErrors()) {
      String raised = raisedMessage(err.getException());
      if (raised == null && err.getMessage() != null && err.getMessage().contains(TemplateFunctions.RAISED)) {
        raised = err.getMessage().substring(err.getMessage().indexOf(TemplateFunctions.RAISED));
      }
      if (raised != null) {
        throw new InvalidRequestException(raised);
      }
    }
    for (TemplateError err : result.getErrors()) {
      if (err.getSeverity() == TemplateError.ErrorType.FATAL) {
        throw new ModelLoadException("chat template " + name + " failed at line " + err.getLineno() + ": "
            + err.getMessage(), err.getException());
      }
    }
    return result.getOutput();
  }

  private static String raisedMessage(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TemplateFunctions.TemplateRaisedException) {
        return c.getMessage();
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "JinjaChatTemplate[" + name + "]";
  }
}
