package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in text: runs every {@link EntityRecognizer}, adjusts scores by the words shortly before each
 * entity, drops those under the threshold and resolves overlaps.
 *
 * <p>Design note. Recognizers return raw scores that reflect the form alone (a checksum-verified IBAN 0.95, a bare
 * run of digits that happens to be a valid phone number 0.4). Context then moves them: one of the recognizer's own
 * words ("phone", "Telefon") within {@link Builder#contextWindow(int) a window} before the entity raises the score by
 * 0.35; a label naming another kind of identifier right before a number ("Order #", "invoice no.", "ISBN",
 * "Bestellnummer", "pedido") lowers it by 0.45. Overlaps resolve to the span that contains the other, else to the higher score. The defaults keep precision
 * high on look-alikes (order numbers, versions, dates, ISBNs, numbers failing their checksum).
 *
 * <p>Thread-safe and immutable; build once and share. Never logs the text.
 *
 * @since 0.1.0
 */
public final class PiiAnalyzer {
  private static final double CONTEXT_BOOST = 0.35;
  private static final double NEGATIVE_CONTEXT_PENALTY = 0.45;
  /** A label naming another kind of identifier right before a number: "Order #", "Bestellnummer", "n° de pedido". */
  private static final Pattern NEGATIVE = Pattern.compile("(?iu)\\b(?:order|invoice|inv|ref|reference|tracking|"
      + "shipment|parcel|isbn|issn|version|ver|build|release|sku|ticket|case|po|receipt|serial|part|model|item|"
      + "product|article|commande|facture|référence|colis|bestellung|bestellnummer|rechnung|rechnungsnummer|"
      + "sendungsnummer|artikel|auftrag|pedido|factura|referencia|envío|seguimiento|confirmation|booking|"
      + "reservation|réservation|buchung|reserva|transaction|txn)\\s*(?:number|num|no\\.?|nr\\.?|n°|nº|#|id|"
      + "code|numéro|nummer|número)?\\s*[:#]?\\s*$");
  /** Types whose values are digit strings another identifier can look like. */
  private static final Set<String> NUMERIC_TYPES = Set.of(EntityTypes.PHONE, EntityTypes.CREDIT_CARD,
      EntityTypes.US_SSN, EntityTypes.IP_ADDRESS, EntityTypes.IBAN);

  private final List<EntityRecognizer> extras;
  private final boolean builtIns;
  private final List<EntityRecognizer> recognizers;
  private final double threshold;
  private final int contextWindow;
  private final Set<String> types;
  private final List<String> regions;

  private PiiAnalyzer(Builder b) {
    extras = List.copyOf(b.recognizers);
    builtIns = b.builtIns;
    List<EntityRecognizer> all = new ArrayList<>();
    if (builtIns) {
      all.addAll(List.of(new EmailRecognizer(), new PhoneRecognizer(b.regions), new CreditCardRecognizer(),
          new IbanRecognizer(), new UsSsnRecognizer(), new IpAddressRecognizer(), new UrlRecognizer(),
          new MacAddressRecognizer(), new CryptoRecognizer(), new PersonRecognizer()));
      Set<String> names = new HashSet<>();
      extras.forEach(r -> names.add(r.name()));
      all.removeIf(r -> names.contains(r.name()));
    }
    all.addAll(extras);
    recognizers = List.copyOf(all);
    threshold = b.threshold;
    contextWindow = b.contextWindow;
    types = Set.copyOf(b.types);
    regions = List.copyOf(b.regions);
  }

  /**
   * Returns an analyzer with every built-in recognizer, threshold 0.5 and phone region hints US, GB, FR, DE, ES.
   *
   * @return the analyzer
   */
  public static PiiAnalyzer defaults() {
    return builder().build();
  }

  /**
   * Returns a builder preloaded with the built-in recognizers.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this analyzer's settings.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.recognizers.addAll(extras);
    b.builtIns = builtIns;
    b.threshold = threshold;
    b.contextWindow = contextWindow;
    b.types.clear();
    b.types.addAll(types);
    b.regions.clear();
    b.regions.addAll(regions);
    return b;
  }

  /**
   * Returns the entity types this analyzer reports.
   *
   * @return the types
   */
  public Set<String> types() {
    return types;
  }

  /**
   * Returns the score threshold.
   *
   * @return the minimum score of a reported entity
   */
  public double threshold() {
    return threshold;
  }

  /**
   * Finds the entities in a text.
   *
   * @param text the text
   * @return non-overlapping entities at or above the threshold, ordered by start offset
   * @throws NullPointerException if {@code text} is {@code null}
   */
  public List<PiiEntity> analyze(String text) {
    Objects.requireNonNull(text, "text");
    List<PiiEntity> all = new ArrayList<>();
    // One pass over the text lists the candidate offsets every built-in recognizer needs (see PiiText).
    PiiText prepared = PiiText.of(text);
    for (EntityRecognizer r : recognizers) {
      if (!types.containsAll(r.supportedTypes()) && r.supportedTypes().stream().noneMatch(types::contains)) {
        continue;
      }
      List<PiiEntity> found = r instanceof BuiltInRecognizer b ? b.recognize(prepared) : r.recognize(text);
      if (found.isEmpty()) {
        continue;
      }
      String lower = prepared.lower();
      for (PiiEntity e : found) {
        if (!types.contains(e.type())) {
          continue;
        }
        PiiEntity scored = e.withScore(e.score() + contextDelta(lower, e, r.contextWords()));
        if (scored.score() >= threshold) {
          all.add(scored);
        }
      }
    }
    return resolveOverlaps(all);
  }

  private double contextDelta(String lower, PiiEntity e, Set<String> words) {
    int from = Math.max(0, e.start() - contextWindow);
    String before = lower.substring(from, e.start());
    double delta = 0;
    for (String w : words) {
      int i = before.lastIndexOf(w);
      if (i >= 0 && (i == 0 || !Character.isLetter(before.charAt(i - 1)))) {
        delta = CONTEXT_BOOST;
        break;
      }
    }
    if (NUMERIC_TYPES.contains(e.type()) && negativeLabel(before)) {
      delta -= NEGATIVE_CONTEXT_PENALTY;
    }
    return delta;
  }

  /**
   * Whether {@code before} ends with a label naming another identifier. The label's keyword starts one of the last
   * three letter runs (a keyword, an optional "no."/"n°"/"número" and punctuation follow it), so NEGATIVE is tried
   * only there instead of at every offset.
   */
  private static boolean negativeLabel(String before) {
    Matcher m = Scan.matcher(NEGATIVE, before);
    int runs = 0;
    for (int i = before.length() - 1; i >= 0 && runs < 3; i--) {
      if (Character.isLetter(before.charAt(i)) && (i == 0 || !Character.isLetter(before.charAt(i - 1)))) {
        runs++;
        m.region(i, before.length());
        if (m.lookingAt()) {
          return true;
        }
      }
    }
    return false;
  }

  /** Keeps a span that contains another; otherwise the higher score; ties to the longer span. */
  static List<PiiEntity> resolveOverlaps(List<PiiEntity> all) {
    List<PiiEntity> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingInt(PiiEntity::length).reversed()
        .thenComparing(Comparator.comparingDouble(PiiEntity::score).reversed()));
    List<PiiEntity> kept = new ArrayList<>();
    for (PiiEntity e : sorted) {
      boolean drop = false;
      for (int i = 0; i < kept.size() && !drop; i++) {
        PiiEntity k = kept.get(i);
        if (!k.overlaps(e)) {
          continue;
        }
        boolean contained = k.start() <= e.start() && e.end() <= k.end();
        if (contained || k.score() >= e.score()) {
          drop = true;
        } else {
          kept.remove(i);
          i--;
        }
      }
      if (!drop) {
        kept.add(e);
      }
    }
    kept.sort(Comparator.comparingInt(PiiEntity::start));
    return kept;
  }

  @Override
  public String toString() {
    return "PiiAnalyzer{types=" + types + ", threshold=" + threshold + '}';
  }

  /**
   * Builds {@link PiiAnalyzer}. Not thread-safe; reusable.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<EntityRecognizer> recognizers = new ArrayList<>();
    private double threshold = 0.5;
    private int contextWindow = 40;
    private final Set<String> types = new LinkedHashSet<>(EntityTypes.ALL);
    private final List<String> regions = new ArrayList<>(List.of("US", "GB", "FR", "DE", "ES"));
    private boolean builtIns = true;

    private Builder() {}

    /**
     * Adds a recognizer (e.g. an NER model) next to the built-in ones; its types are reported too. A recognizer
     * with the {@link EntityRecognizer#name() name} of a built-in one replaces it.
     *
     * @param recognizer the recognizer
     * @return this builder
     */
    public Builder recognizer(EntityRecognizer recognizer) {
      recognizers.add(Objects.requireNonNull(recognizer, "recognizer"));
      types.addAll(recognizer.supportedTypes());
      return this;
    }

    /**
     * Drops the built-in recognizers (keeping only those added with {@link #recognizer}).
     *
     * @return this builder
     */
    public Builder withoutBuiltIns() {
      builtIns = false;
      return this;
    }

    /**
     * Restricts the reported types.
     *
     * @param entityTypes the types, e.g. {@code EMAIL}, {@code PHONE}
     * @return this builder
     */
    public Builder types(Set<String> entityTypes) {
      types.clear();
      types.addAll(entityTypes);
      return this;
    }

    /**
     * Sets the score threshold.
     *
     * @param threshold in [0, 1]
     * @return this builder
     */
    public Builder threshold(double threshold) {
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold must be in [0, 1]: " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /**
     * Sets how many chars before an entity are searched for context words.
     *
     * @param chars at least 0
     * @return this builder
     */
    public Builder contextWindow(int chars) {
      if (chars < 0) {
        throw new IllegalArgumentException("contextWindow must be >= 0: " + chars);
      }
      this.contextWindow = chars;
      return this;
    }

    /**
     * Sets the regions (ISO 3166 alpha-2) whose national phone formats are recognised, most likely first.
     *
     * @param regionCodes e.g. {@code List.of("FR", "BE")}
     * @return this builder
     */
    public Builder phoneRegions(List<String> regionCodes) {
      regions.clear();
      regions.addAll(regionCodes);
      return this;
    }

    /**
     * Builds.
     *
     * @return the analyzer
     * @throws IllegalArgumentException if a phone region is unknown
     */
    public PiiAnalyzer build() {
      return new PiiAnalyzer(this);
    }
  }
}
