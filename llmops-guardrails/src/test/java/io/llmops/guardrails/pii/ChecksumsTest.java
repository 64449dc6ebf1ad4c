package io.llmops.guardrails.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksumsTest {

  @ParameterizedTest
  @CsvSource({"4111111111111111,true", "4111111111111112,false", "378282246310005,true", "79927398713,true",
      "79927398710,false"})
  void luhn(String digits, boolean valid) {
    assertThat(Checksums.luhn(digits)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"DE89370400440532013000,true", "GB82WEST12345698765432,true", "GB82WEST12345698765433,false",
      "FR1420041010050500013M02606,true", "NL91ABNA0417164300,true", "NL91ABNA0417164301,false"})
  void ibanMod97(String iban, boolean valid) {
    assertThat(Checksums.ibanMod97(iban)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"9780306406157,true", "9780306406158,false", "0306406152,true", "0306406153,false",
      "080442957X,true"})
  void isbn(String isbn, boolean valid) {
    assertThat(Checksums.isbn(isbn)).isEqualTo(valid);
  }

  // P2PKH and P2SH examples from the Bitcoin wiki; one character changed must fail.
  @ParameterizedTest
  @CsvSource({"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2,true", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3,false",
      "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy,true", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz,false"})
  void base58Check(String address, boolean valid) {
    assertThat(Checksums.base58Check(address)).isEqualTo(valid);
  }

  // Test vectors from BIP-173 (bech32, witness v0) and BIP-350 (bech32m, witness v1).
  @ParameterizedTest
  @CsvSource({"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4,true", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4,true",
      "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5,false",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0,true",
      "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj1,false",
      "bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4,false"})
  void bech32(String address, boolean valid) {
    assertThat(Checksums.bech32(address)).isEqualTo(valid);
  }
}
