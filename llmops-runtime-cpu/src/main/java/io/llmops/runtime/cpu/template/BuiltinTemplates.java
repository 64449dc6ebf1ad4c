package io.llmops.runtime.cpu.template;

import java.util.Map;

/**
 * Jinja sources of the built-in chat templates, used when a GGUF file has no {@code tokenizer.chat_template}.
 * {@code llama3} and {@code chatml} are the templates the Llama 3 Instruct and ChatML models ship; {@code mistral}
 * is Mistral Instruct's {@code [INST]} format with a system message folded into the first user turn (Mistral's own
 * template rejects system messages); {@code plain} joins the message contents with newlines, for base models
 * without any chat format (e.g. stories260K), and ignores the generation prompt.
 */
final class BuiltinTemplates {
  private BuiltinTemplates() {}

  static final Map<String, String> SOURCES = Map.of(
      "llama3",
      "{% set loop_messages = messages %}{% for message in loop_messages %}"
          + "{% set content = '<|start_header_id|>' + message['role'] + '<|end_header_id|>\\n\\n'"
          + "+ message['content'] | trim + '<|eot_id|>' %}{% if loop.index0 == 0 %}"
          + "{% set content = bos_token + content %}{% endif %}{{ content }}{% endfor %}"
          + "{% if add_generation_prompt %}{{ '<|start_header_id|>assistant<|end_header_id|>\\n\\n' }}{% endif %}",
      "chatml",
      "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content']"
          + " + '<|im_end|>' + '\\n'}}{% endfor %}{% if add_generation_prompt %}"
          + "{{ '<|im_start|>assistant\\n' }}{% endif %}",
      "mistral",
      "{{ bos_token }}{% set ns = namespace(system='') %}{% for message in messages %}"
          + "{% if message['role'] == 'system' %}{% set ns.system = message['content'] + '\\n\\n' %}"
          + "{% elif message['role'] == 'user' %}{{ '[INST] ' + ns.system + message['content'] + ' [/INST]' }}"
          + "{% set ns.system = '' %}{% elif message['role'] == 'assistant' %}{{ message['content'] + eos_token }}"
          + "{% else %}{{ raise_exception('mistral template: role ' + message['role'] + ' is not supported') }}"
          + "{% endif %}{% endfor %}",
      "plain",
      "{% for message in messages %}{{ message['content'] }}{% if not loop.last %}{{ '\\n' }}{% endif %}"
          + "{% endfor %}");
}
