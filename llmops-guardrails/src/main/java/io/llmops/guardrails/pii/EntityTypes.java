package io.llmops.guardrails.pii;

import java.util.List;

/**
 * The entity type names the built-in recognizers emit. Types are plain strings so that plugged-in recognizers (e.g.
 * an ONNX NER model) can add their own, such as {@code LOCATION}.
 *
 * @since 0.1.0
 */
public final class EntityTypes {
  /** An e-mail address. */
  public static final String EMAIL = "EMAIL";
  /** A telephone number valid for its region (libphonenumber metadata). */
  public static final String PHONE = "PHONE";
  /** A payment card number (Luhn and issuer ranges). */
  public static final String CREDIT_CARD = "CREDIT_CARD";
  /** An International Bank Account Number (ISO 13616: country length and mod-97). */
  public static final String IBAN = "IBAN";
  /** A US social security number (SSA area/group/serial rules). */
  public static final String US_SSN = "US_SSN";
  /** An IPv4 or IPv6 address. */
  public static final String IP_ADDRESS = "IP_ADDRESS";
  /** A web address. */
  public static final String URL = "URL";
  /** An IEEE 802 MAC address. */
  public static final String MAC_ADDRESS = "MAC_ADDRESS";
  /** A cryptocurrency (Bitcoin) address with a valid checksum. */
  public static final String CRYPTO = "CRYPTO";
  /** A person's name. */
  public static final String PERSON = "PERSON";

  /** Every built-in type, in a stable order. */
  public static final List<String> ALL =
      List.of(EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN, IP_ADDRESS, URL, MAC_ADDRESS, CRYPTO, PERSON);

  private EntityTypes() {}
}
