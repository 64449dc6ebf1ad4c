/**
 * Chat templates: {@link io.llmops.runtime.cpu.template.JinjaChatTemplate} renders the Jinja template stored in a GGUF
 * file (or a built-in one) into the exact prompt text a chat model was trained on.
 */
package io.llmops.runtime.cpu.template;
