package io.llmops.guardrails.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import io.llmops.guardrail.GuardrailResult;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ContentRailsTest {
  private static final GuardrailContext IN = GuardrailContext.input();

  @ParameterizedTest
  @ValueSource(strings = {"Have you tried Acme Corp?", "acme-corp is cheaper", "ＡＣＭＥ corp", "4cm3 c0rp rocks",
      "a.c.m.e c.o.r.p", "Acme\u200BCorp"})
  void bannedTermsSurviveObfuscation(String text) {
    assertThat(BannedSubstringGuardrail.blocking(List.of("Acme Corp")).check(text, IN).isAccepted()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Academic policy", "The acmeist movement", "Corporate policy"})
  void bannedTermsDoNotMatchInsideOtherWords(String text) {
    assertThat(BannedSubstringGuardrail.blocking(List.of("Acme")).check(text, IN).isAccepted()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "my key is AKIAIOSFODNN7EXAMPLE ok|aws_access_key_id",
      "token ghp_16C7e42F292c6912E7710c838347Ae178B4a here|github_token",
      "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx|slack_token",
      "stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc|stripe_key",
      "OPENAI_API_KEY=sk-proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34|openai_key",
      "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U|jwt",
      "postgres://app:S3cr3tPassw0rd@db.internal:5432/prod|connection_string_password",
      "password = 'xK9#mQ2$vL7!pR4@'|generic_secret_assignment"})
  void findsSecrets(String text, String rule) {
    GuardrailResult r = SecretsGuardrail.of(GuardrailAction.REDACT).check(text, IN);
    assertThat(r.findings()).extracting(f -> f.detail()).contains(rule);
    assertThat(r.textOr(text)).contains("<SECRET>");
  }

  @Test
  void privateKeyBlockIsRedactedWhole() {
    String pem = "key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7x\nabc\n-----END RSA PRIVATE KEY-----\nbye";
    assertThat(SecretsGuardrail.of(GuardrailAction.REDACT).check(pem, IN).textOr(pem)).isEqualTo("key:\n<SECRET>\nbye");
  }

  @ParameterizedTest
  @ValueSource(strings = {"password = changeme123456", "Use the token field for auth", "my password is weak",
      "postgres://localhost:5432/db", "The sky is blue"})
  void ignoresLowEntropyAndPlainText(String text) {
    assertThat(SecretsGuardrail.of(GuardrailAction.BLOCK).check(text, IN).findings()).isEmpty();
  }

  @Test
  void shannonEntropyMatchesHandComputedValues() {
    assertThat(SecretsGuardrail.shannonEntropy("aaaa")).isEqualTo(0.0);
    assertThat(SecretsGuardrail.shannonEntropy("abcd")).isEqualTo(2.0);
    assertThat(SecretsGuardrail.shannonEntropy("aabb")).isEqualTo(1.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"You are an idiot", "you are an 1d10t", "y o u  a r e  a n  i d i o t", "T'es un connard",
      "Du Arschloch", "eres un gilipollas", "I will kill you"})
  void toxicityLexiconHandlesObfuscationAndLanguages(String text) {
    assertThat(ToxicityGuardrail.lexicon(0.5, GuardrailAction.BLOCK).check(text, IN).isAccepted()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"This product is terrible and I want a refund", "Kill the process with kill -9",
      "Scunthorpe United won", "The assassin's creed game"})
  void toxicityLexiconLeavesCivilTextAlone(String text) {
    assertThat(ToxicityGuardrail.lexicon(0.5, GuardrailAction.BLOCK).check(text, IN).isAccepted()).isTrue();
  }

  @Test
  void invisibleCharactersAreStrippedAndHomoglyphsFlagged() {
    InvisibleTextGuardrail g = InvisibleTextGuardrail.of(GuardrailAction.REDACT);
    assertThat(g.check("he\u200Bllo\u202E", IN).textOr("")).isEqualTo("hello");
    assertThat(g.check("plain text", IN).findings()).isEmpty();
    assertThat(g.check("log in to p\u0430ypal now", IN).findings()).extracting(f -> f.type())
        .containsExactly("GARBLED_TEXT");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Where is my parcel? I ordered it last week.|en",
      "Où est mon colis ? Je l'ai commandé la semaine dernière.|fr",
      "Wo ist mein Paket? Ich habe es letzte Woche bestellt.|de",
      "¿Dónde está mi paquete? Lo pedí la semana pasada.|es", "Где моя посылка?|ru", "我的包裹在哪里？|zh", "ok|und"})
  void detectsLanguages(String text, String lang) {
    assertThat(LanguageGuardrail.detect(text)).isEqualTo(lang);
  }

  @Test
  void languageRailBlocksOthers() {
    LanguageGuardrail g = LanguageGuardrail.allowing(Set.of("en", "fr"), GuardrailAction.BLOCK);
    assertThat(g.check("Wo ist mein Paket? Ich habe es letzte Woche bestellt.", IN).isAccepted()).isFalse();
    assertThat(g.check("Where is my parcel? I ordered it last week.", IN).isAccepted()).isTrue();
  }
}
