package io.llmops.guardrails.content;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import io.llmops.guardrail.Finding;
import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import io.llmops.guardrail.InputGuardrail;
import io.llmops.guardrail.OutputGuardrail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Credentials in text: provider keys with a documented shape (AWS access key ids, GitHub, Slack, Stripe, OpenAI,
 * Google), JSON Web Tokens, PEM private-key blocks, connection strings with a password, and generic
 * {@code password=}/{@code api_key:} assignments whose value of at least 12 chars looks generated (Shannon entropy ≥ 4
 * bits per char, or ≥ 3 with three character classes — "changeme123456" and "********" do not). With {@code REDACT} each becomes {@code <SECRET>};
 * for a connection string only the password is replaced. Thread-safe.
 *
 * @since 0.1.0
 */
public final class SecretsGuardrail implements InputGuardrail, OutputGuardrail {
  /**
   * A rule; {@code gates} are lower-case literals one of which every match contains, checked before the regex.
   * {@code starts} are lower-case literals one of which every match holds {@code lead} chars after its start (a
   * prefix when {@code lead} is 0), or {@code null} when matches start in the scheme run before a {@code "://"}: the
   * regex is tried only there (see {@link Scan}), not at every offset as {@link Matcher#find()} would.
   */
  private record Rule(String name, Pattern pattern, int group, boolean entropy, List<String> gates,
      List<String> starts, int lead) {
    Rule(String name, Pattern pattern, int group, boolean entropy, String gates) {
      this(name, pattern, group, entropy, List.of(gates.split(" ")), List.of(gates.split(" ")), 0);
    }

    Rule(String name, Pattern pattern, int group, boolean entropy, String gates, String starts, int lead) {
      this(name, pattern, group, entropy, List.of(gates.split(" ")), starts == null ? null
          : List.of(starts.split(" ")), lead);
    }

    boolean gated(String lower) {
      for (String g : gates) {
        if (lower.contains(g)) {
          return true;
        }
      }
      return false;
    }

    /** The offsets where a match can start, ascending. */
    Offsets startOffsets(String lower) {
      boolean[] mask = new boolean[lower.length() + 1];
      if (starts == null) {
        // A scheme ("postgresql", "mongodb+srv", "jdbc:mysql") is a run of letters, digits, '+' and ':' ending at
        // the "://"; the match starts somewhere in it.
        for (int c = lower.indexOf("://"); c >= 0; c = lower.indexOf("://", c + 1)) {
          for (int i = c - 1; i >= 0 && schemeChar(lower.charAt(i)); i--) {
            mask[i] = true;
          }
        }
      } else {
        for (String k : starts) {
          for (int i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) {
            if (i >= lead) {
              mask[i - lead] = true;
            }
          }
        }
      }
      Offsets out = new Offsets(8);
      for (int i = 0; i < mask.length; i++) {
        if (mask[i]) {
          out.add(i);
        }
      }
      return out;
    }

    private static boolean schemeChar(char c) {
      return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == ':';
    }
  }

  private static final List<Rule> RULES = List.of(
      new Rule("aws_access_key_id", Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\\b"), 0,
          false, "akia asia agpa aida aroa anpa"),
      new Rule("aws_secret_access_key", Pattern.compile(
          "(?i)aws.{0,20}?(?:secret|key).{0,20}?[=:]\\s*[\"']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"), 1, false, "aws"),
      new Rule("github_token", Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})"
          + "\\b"), 0, false, "gh"),
      new Rule("slack_token", Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}\\b"), 0, false, "xox"),
      new Rule("slack_webhook", Pattern.compile(
          "https://hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]{20,}"), 0, false, "hooks.slack.com",
          "https://hooks.slack.com", 0),
      new Rule("stripe_key", Pattern.compile("\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\\b"), 0,
          false, "_live_ _test_", "_live_ _test_", 2),
      new Rule("openai_key", Pattern.compile("\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}(?:T3BlbkFJ"
          + "[A-Za-z0-9_-]{20,})?\\b"), 0, false, "sk-"),
      new Rule("google_api_key", Pattern.compile("\\bAIza[0-9A-Za-z_-]{35}\\b"), 0, false, "aiza"),
      new Rule("jwt", Pattern.compile("\\beyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}"), 0,
          false, "eyj"),
      new Rule("private_key", Pattern.compile("-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY"
          + "(?: BLOCK)?-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)"), 0, false, "-----begin"),
      new Rule("connection_string_password", Pattern.compile(
          "(?i)\\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|redis|rediss|amqps?|mssql|sqlserver|jdbc:[a-z]+|"
          + "ftp|sftp|smtp)://[^\\s:/@]+:([^\\s@/]{3,})@"), 1, false, "://", null, 0),
      // ADO.NET / ODBC style: "Server=db;User Id=app;Password=...;" — only with another connection key before it.
      new Rule("connection_string_password", Pattern.compile("(?i)\\b(?:server|host|data source|user id|uid|"
          + "database|initial catalog)\\s*=[^;\\n]*;(?:[^;\\n]*;){0,6}?\\s*(?:password|pwd)\\s*=\\s*([^;\\s]{4,})"), 1,
          false, "password pwd", "server host data user uid database initial", 0),
      new Rule("generic_secret_assignment", Pattern.compile("(?i)\\b(?:password|passwd|pwd|secret|api[_-]?key|"
          + "access[_-]?token|auth[_-]?token|client[_-]?secret|private[_-]?key|token)\\b[\"']?\\s*[:=]\\s*[\"']?"
          + "([^\\s\"',;]{12,})"), 1, true, "passw pwd secret api access auth private token",
          "passw pwd secret api access auth client private token", 0));

  private final GuardrailAction action;

  private SecretsGuardrail(GuardrailAction action) {
    this.action = Objects.requireNonNull(action, "action");
  }

  /**
   * Returns a rail with a given action ({@code REDACT} replaces each secret, {@code BLOCK} rejects).
   *
   * @param action the action
   * @return the rail
   */
  public static SecretsGuardrail of(GuardrailAction action) {
    return new SecretsGuardrail(action);
  }

  @Override
  public String name() {
    return "secrets";
  }

  @Override
  public GuardrailResult check(String text, GuardrailContext context) {
    List<int[]> spans = new ArrayList<>();
    List<String> names = new ArrayList<>();
    String lower = Scan.asciiLower(text);
    for (Rule r : RULES) {
      if (!r.gated(lower)) {
        continue; // no literal every match needs: skip the regex
      }
      Matcher m = Scan.matcher(r.pattern, text);
      Offsets starts = r.startOffsets(lower);
      for (int from = 0; Scan.findAt(m, starts, from, text.length()); from = Scan.next(m)) {
        int s = m.start(r.group);
        int e = m.end(r.group);
        if (r.entropy && !looksRandom(text.substring(s, e))) {
          continue;
        }
        if (spans.stream().noneMatch(x -> x[0] < e && s < x[1])) {
          spans.add(new int[] {s, e});
          names.add(r.name);
        }
      }
    }
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      findings.add(new Finding("SECRET", spans.get(i)[0], spans.get(i)[1], 0.95, action, names.get(i)));
    }
    findings.sort(Comparator.comparingInt(Finding::start));
    String rewritten = null;
    if (action == GuardrailAction.REDACT && !findings.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      int pos = 0;
      for (Finding f : findings) {
        sb.append(text, pos, f.start()).append("<SECRET>");
        pos = f.end();
      }
      rewritten = sb.append(text, pos, text.length()).toString();
    }
    return Rails.verdict(name(), action, "credential found", findings, rewritten);
  }

  /**
   * A generated credential: entropy at least 4 bits per char, or at least 3 with three character classes (lower,
   * upper, digit, symbol). "changeme123456" (two classes, 3.5 bits) is a weak password pattern, not a key.
   */
  static boolean looksRandom(String v) {
    int classes = (v.chars().anyMatch(Character::isLowerCase) ? 1 : 0) + (v.chars().anyMatch(Character::isUpperCase)
        ? 1 : 0) + (v.chars().anyMatch(Character::isDigit) ? 1 : 0) + (v.chars().anyMatch(c -> !Character
        .isLetterOrDigit(c)) ? 1 : 0);
    double h = shannonEntropy(v);
    return h >= 4.0 || (h >= 3.0 && classes >= 3);
  }

  /** Shannon entropy in bits per character. */
  static double shannonEntropy(String s) {
    int[] counts = new int[128];
    int other = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        other++;
      }
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = c / (double) s.length();
        h -= p * Math.log(p) / Math.log(2);
      }
    }
    if (other > 0) {
      double p = other / (double) s.length();
      h -= p * Math.log(p) / Math.log(2);
    }
    return h;
  }

  @Override
  public String toString() {
    return "SecretsGuardrail{" + action + '}';
  }
}
