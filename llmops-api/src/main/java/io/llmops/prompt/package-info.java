/**
 * Prompts: {@link io.llmops.prompt.PromptTemplate}, a versioned text with named variables, and {@link
 * io.llmops.prompt.ChatTemplate}, which turns a conversation into the text a model was trained on.
 */
package io.llmops.prompt;
