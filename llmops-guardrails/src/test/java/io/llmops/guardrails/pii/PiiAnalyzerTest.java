package io.llmops.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PiiAnalyzerTest {
  private static final PiiAnalyzer ANALYZER = PiiAnalyzer.defaults();

  private static String found(String text) {
    return ANALYZER.analyze(text).stream().map(e -> e.type() + "=" + e.textIn(text))
        .collect(Collectors.joining("|"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "Write to jane.doe+news@example.co.uk today;EMAIL=jane.doe+news@example.co.uk",
      "Call me at +1 (415) 555-2671 please;PHONE=+1 (415) 555-2671",
      "Mon portable : 06 12 34 56 78;PHONE=06 12 34 56 78",
      "Rufen Sie mich unter +49 30 12345678 an;PHONE=+49 30 12345678",
      "Card 4111 1111 1111 1111 exp 12/27;CREDIT_CARD=4111 1111 1111 1111",
      "amex 378282246310005;CREDIT_CARD=378282246310005",
      "IBAN: DE89 3704 0044 0532 0130 00.;IBAN=DE89 3704 0044 0532 0130 00",
      "My SSN is 536-22-1234;US_SSN=536-22-1234",
      "server at 192.168.10.4 is down;IP_ADDRESS=192.168.10.4",
      "ping 2001:db8:85a3::8a2e:370:7334 now;IP_ADDRESS=2001:db8:85a3::8a2e:370:7334",
      "see https://example.com/a?b=1).;URL=https://example.com/a?b=1",
      "MAC 00:1A:2B:3C:4D:5E;MAC_ADDRESS=00:1A:2B:3C:4D:5E",
      "send to bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 thanks;CRYPTO=bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
      "Hello, my name is Sarah Connor.;PERSON=Sarah Connor",
      "Please ask Mrs. Dubois about it;PERSON=Dubois"})
  void findsTypedEntities(String text, String expected) {
    assertThat(found(text)).isEqualTo(expected);
  }

  /** Patterns added after the blind set A review; texts written for this test. */
  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "Dear Ingeborg Halvorsen, your order shipped.;PERSON=Ingeborg Halvorsen",
      "Hello World, this is a test.;''",
      "Cheers,<NL>Odalys;''",
      "Thanks, Mark Johnson;PERSON=Mark Johnson",
      "We met at Best Buy yesterday.;''",
      "Transfer to the account holder: Benedikt Aalto.;PERSON=Benedikt Aalto",
      "From: Ottilie Fairweather <ottie@example.org>;PERSON=Ottilie Fairweather|EMAIL=ottie@example.org",
      "Yamamoto Hiroshi will join the call.;PERSON=Yamamoto Hiroshi",
      "Rendez-vous avec le docteur Aurore Lachance demain.;PERSON=Aurore Lachance",
      "See section 3.2.1.4 of the manual.;''",
      "The firmware moved to 10.4.2.1 last week.;''",
      "The server firmware lives on host 10.4.2.1.;IP_ADDRESS=10.4.2.1",
      "Sa ligne directe (01 42 68 53 00) répond le matin.;PHONE=01 42 68 53 00"})
  void findsGeneralisedPatterns(String text, String expected) {
    assertThat(found(text.replace("<NL>", "\n"))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "Your order 4111111111111111 has shipped",
      "Upgrade to version 1.2.3.4 today",
      "Meeting on 2024-03-15 at 10:30",
      "ISBN 978-0-306-40615-7 is out of print",
      "Card 4111 1111 1111 1112 was declined",
      "IBAN DE89 3704 0044 0532 0130 01",
      "SSN 000-12-3456 is not issued",
      "Will you grace us with your presence in May?",
      "Timestamp 12:30:45:10:20:30 recorded"})
  void ignoresLookAlikes(String text) {
    assertThat(found(text)).isEmpty();
  }

  @Test
  void pluggedRecognizerAddsItsType() {
    EntityRecognizer ner = new EntityRecognizer() {
      @Override
      public String name() {
        return "ner";
      }

      @Override
      public java.util.Set<String> supportedTypes() {
        return java.util.Set.of("LOCATION");
      }

      @Override
      public List<PiiEntity> recognize(String text) {
        int i = text.indexOf("Paris");
        return i < 0 ? List.of() : List.of(new PiiEntity("LOCATION", i, i + 5, 0.9, "ner"));
      }
    };
    PiiAnalyzer a = PiiAnalyzer.builder().recognizer(ner).build();
    assertThat(a.analyze("I live in Paris").get(0).type()).isEqualTo("LOCATION");
  }
}
