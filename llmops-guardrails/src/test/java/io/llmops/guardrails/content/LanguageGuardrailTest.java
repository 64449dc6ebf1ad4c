package io.llmops.guardrails.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmops.guardrail.GuardrailAction;
import io.llmops.guardrail.GuardrailContext;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenNLP language detection and its short-text fallback. Sentences written for this test, not from the model's data. */
class LanguageGuardrailTest {
  private static final GuardrailContext IN = GuardrailContext.builder(GuardrailContext.Direction.INPUT).build();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "I would like to change the delivery address of my last order, please.|en",
      "Je voudrais changer l'adresse de livraison de ma dernière commande, s'il vous plaît.|fr",
      "Ich möchte bitte die Lieferadresse meiner letzten Bestellung ändern.|de",
      "Quisiera cambiar la dirección de entrega de mi último pedido, por favor.|es",
      "Vorrei cambiare l'indirizzo di consegna del mio ultimo ordine, per favore.|it",
      "Gostaria de alterar o endereço de entrega da minha última encomenda, por favor.|pt",
      "Ik wil graag het afleveradres van mijn laatste bestelling wijzigen.|nl",
      "Chciałbym zmienić adres dostawy mojego ostatniego zamówienia.|pl",
      "Son siparişimin teslimat adresini değiştirmek istiyorum, lütfen.|tr",
      "Jag skulle vilja ändra leveransadressen för min senaste beställning.|sv",
      "Я хотел бы изменить адрес доставки моего последнего заказа.|ru",
      "Θα ήθελα να αλλάξω τη διεύθυνση παράδοσης της τελευταίας μου παραγγελίας.|el"})
  void openNlpDetectsSentences(String text, String lang) {
    assertThat(text.codePoints().filter(Character::isLetter).count()).isGreaterThanOrEqualTo(
        LanguageGuardrail.MIN_LETTERS);
    assertThat(LanguageGuardrail.detect(text)).isEqualTo(lang);
  }

  /** Under MIN_LETTERS OpenNLP guesses (it calls "Bonjour" Malagasy); the script and stop words decide instead. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"Где моя посылка?|ru", "我的包裹在哪里？|zh", "ok|und", "Bonjour|und",
      "is it in the box|en", "c'est pour moi et toi|fr"})
  void shortTextsUseTheFallback(String text, String lang) {
    assertThat(LanguageGuardrail.detect(text)).isEqualTo(lang);
  }

  @Test
  void longTextIsJudgedOnItsHeadAndTail() {
    String en = "The parcel arrived yesterday afternoon, but the box was damaged and two items are missing. ";
    String de = " Bitte schicken Sie mir die fehlenden Artikel so schnell wie möglich an meine Adresse zurück.";
    String longEnglish = en.repeat(30);
    assertThat(longEnglish.length()).isGreaterThan(2000);
    assertThat(LanguageGuardrail.detect(longEnglish)).isEqualTo("en");
    // German only in the tail still counts: the sample holds the last chars too.
    assertThat(LanguageGuardrail.detect(longEnglish + de + de)).isNotEqualTo("und");
  }

  @Test
  void iso3CodesMapToIso1() {
    assertThat(OpenNlpLanguageDetector.iso1("deu")).isEqualTo("de");
    assertThat(OpenNlpLanguageDetector.iso1("fra")).isEqualTo("fr");
    assertThat(OpenNlpLanguageDetector.iso1("cmn")).isEqualTo("zh");
    assertThat(OpenNlpLanguageDetector.iso1("ceb")).isEqualTo("ceb");
  }

  @Test
  void railBlocksLanguagesNotAllowed() {
    LanguageGuardrail g = LanguageGuardrail.allowing(Set.of("en", "fr"), GuardrailAction.BLOCK);
    assertThat(g.check("Ich möchte bitte die Lieferadresse meiner letzten Bestellung ändern.", IN).isAccepted())
        .isFalse();
    assertThat(g.check("Je voudrais changer l'adresse de livraison de ma commande.", IN).isAccepted()).isTrue();
    assertThat(g.check("ok", IN).isAccepted()).isTrue();
  }
}
