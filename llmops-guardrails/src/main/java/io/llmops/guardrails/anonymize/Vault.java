package io.llmops.guardrails.anonymize;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reversible side of anonymization: per conversation, which placeholder ({@code <EMAIL_1>}) stands for which
 * original value, so a value gets the same placeholder every time in a conversation and the model's answer can be
 * restored. In memory only, bounded (least recently used conversations are forgotten first); never logged:
 * {@link #toString()} shows counts, never content.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class Vault {
  private static final Pattern PLACEHOLDER = Pattern.compile("<([A-Z][A-Z0-9_]*?)_(\\d+)>");
  private final Map<String, Conversation> conversations;

  private Vault(int maxConversations) {
    conversations = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
        return size() > maxConversations;
      }
    };
  }

  /**
   * Creates a vault remembering up to 10,000 conversations.
   *
   * @return the vault
   */
  public static Vault create() {
    return create(10_000);
  }

  /**
   * Creates a vault.
   *
   * @param maxConversations how many conversations to remember before forgetting the least recently used
   * @return the vault
   * @throws IllegalArgumentException if not positive
   */
  public static Vault create(int maxConversations) {
    if (maxConversations < 1) {
      throw new IllegalArgumentException("maxConversations must be >= 1: " + maxConversations);
    }
    return new Vault(maxConversations);
  }

  /**
   * Returns the placeholder for a value, creating it if new to the conversation.
   *
   * @param conversationId the conversation (empty for calls outside any conversation)
   * @param type the entity type
   * @param value the original value
   * @return e.g. {@code <EMAIL_1>}
   */
  public String placeholderFor(String conversationId, String type, String value) {
    Objects.requireNonNull(value, "value");
    synchronized (conversations) {
      return conversations.computeIfAbsent(conversationId, k -> new Conversation()).placeholder(type, value);
    }
  }

  /**
   * Replaces the conversation's placeholders in a text by their originals; unknown placeholders stay as they are.
   *
   * @param conversationId the conversation
   * @param text e.g. the model's answer
   * @return the restored text
   */
  public String restore(String conversationId, String text) {
    Map<String, String> originals;
    synchronized (conversations) {
      Conversation c = conversations.get(conversationId);
      if (c == null) {
        return text;
      }
      originals = new HashMap<>(c.byPlaceholder);
    }
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder(text.length());
    while (m.find()) {
      String original = originals.get(m.group());
      m.appendReplacement(sb, Matcher.quoteReplacement(original != null ? original : m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * Forgets a conversation's values.
   *
   * @param conversationId the conversation
   */
  public void forget(String conversationId) {
    synchronized (conversations) {
      conversations.remove(conversationId);
    }
  }

  /**
   * Returns how many conversations are remembered.
   *
   * @return the count
   */
  public int size() {
    synchronized (conversations) {
      return conversations.size();
    }
  }

  @Override
  public String toString() {
    return "Vault{conversations=" + size() + '}';
  }

  private static final class Conversation {
    private final Map<String, String> byValue = new HashMap<>();
    private final Map<String, String> byPlaceholder = new HashMap<>();
    private final Map<String, Integer> counters = new HashMap<>();

    String placeholder(String type, String value) {
      String key = type + '\u0000' + value;
      String p = byValue.get(key);
      if (p == null) {
        int n = counters.merge(type, 1, Integer::sum);
        p = "<" + type + "_" + n + ">";
        byValue.put(key, p);
        byPlaceholder.put(p, value);
      }
      return p;
    }
  }
}
