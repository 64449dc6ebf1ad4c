package io.llmops.guardrails.pii;

import io.llmops.guardrails.internal.Scan;
import io.llmops.guardrails.internal.Scan.Offsets;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Person names from context patterns and a gazetteer of given names ({@code first-names.txt}). Design note: without a
 * NER model, evidence is layered: an introduction ("my name is", "je m'appelle", "ich heiße", "me llamo") or an
 * honorific ("Mr", "Mme", "Herr", "Sra") before capitalised words is strong; a known given name followed by a
 * capitalised surname is strong; a known given name alone is weak, and names that are also common words ("Will",
 * "May", "Grace") count only with a surname or an introduction. A statistical NER recognizer can replace or
 * complement this one through {@link EntityRecognizer}.
 */
final class PersonRecognizer implements BuiltInRecognizer {
  private static final String CAP = "\\p{Lu}[\\p{L}'’-]*\\p{Ll}";
  private static final String NAME = CAP + "(?:[ ](?:(?:van|von|de|del|della|da|di|du|le|la|dos|der|den|el|al|bin|ben)[ ])"
      + "{0,2}" + CAP + "){0,3}";
  /** Introductions and sign-offs, lower case: the pattern's alternatives and the offsets it is tried at. */
  private static final List<String> INTRO_WORDS = List.of("my name is", "my name's", "name:", "i am called",
      "je m'appelle", "je m’appelle", "mon nom est", "moi c'est", "ich heiße", "ich heisse", "mein name ist",
      "me llamo", "mi nombre es", "signed",
      // Who an account, payment or letter belongs to: the name follows the label.
      "account holder", "holder", "beneficiary", "recipient", "payee", "on behalf of", "attn", "attention",
      "bénéficiaire", "titulaire", "au nom de", "à l'attention de", "kontoinhaber", "empfänger", "inhaber",
      "im namen von", "ansprechpartner", "titular", "beneficiario", "a nombre de", "destinatario");
  private static final Pattern INTRO = Pattern.compile("(?<!\\p{L})(?i:" + String.join("|", INTRO_WORDS)
      + ")(?:in|r|n)?[,:]?\\s+(?:(?:Frau|Herr|Mr|Mrs|Ms|Dr)\\.?\\s+)?(" + NAME + ")");
  /**
   * Salutations and sign-offs: weaker than an introduction ("Hello World", "Thanks, Best regards"), so the name must
   * start with a listed given name or surname or have two words. A sign-off ("Best", "Thanks") opens so many
   * sentences that the name must also follow a comma or a line break.
   */
  private static final List<String> SALUTATIONS = List.of("dear", "hello", "hi", "cher", "chère", "liebe", "lieber",
      "sehr geehrte", "estimado", "estimada", "querido", "querida", "hola", "bonjour", "hallo");
  private static final List<String> SIGN_OFFS = List.of("sincerely", "regards", "cordialement",
      "mit freundlichen grüßen", "saludos", "atentamente", "cheers", "best", "thanks");
  private static final List<String> GREETING_WORDS =
      java.util.stream.Stream.concat(SALUTATIONS.stream(), SIGN_OFFS.stream()).toList();
  private static final Pattern GREETING = Pattern.compile("(?<!\\p{L})(?i:(?:" + String.join("|", SIGN_OFFS)
      + ")(?:[,:!.]\\s*|[ \\t]*\\n\\s*)|(?:" + String.join("|", SALUTATIONS)
      + ")(?:r|n)?[,:]?\\s+(?:(?:Frau|Herr|Mr|Mrs|Ms|Dr)\\.?\\s+)?)(" + NAME + ")");
  /** Capitalised words that follow a salutation or label but are not names ("Dear Customer", "Hi All"). */
  private static final Set<String> NOT_NAME = Set.of("Customer", "Customers", "Client", "Sir", "Madam", "Sirs",
      "All", "Team", "Everyone", "There", "Colleagues", "Friends", "Folks", "Guys", "Support", "Valued", "Monsieur",
      "Madame", "Messieurs", "Kunde", "Kundin", "Damen", "Herren", "Cliente", "Señor", "Señora", "World", "Mr", "Mrs",
      "Ms", "Dr", "Frau", "Herr", "Account", "Bank", "Company", "Manager", "Name", "Holder", "I", "I'm", "I’m", "I'd",
      "I’d", "We", "We're", "It", "It's", "This", "That", "Thank", "Thanks", "Good", "How", "Just", "Please", "Yes", "No");
  /** A display name before an e-mail address: "Ada Lovelace &lt;ada@example.com&gt;". */
  private static final Pattern BEFORE_EMAIL = Pattern.compile("(" + CAP + "(?:[ ]" + CAP + "){1,3})[ ]?<[^<>@\\s]+@");
  private static final List<String> WEAK_INTRO_WORDS =
      List.of("i am", "i'm", "this is", "je suis", "c'est", "ich bin", "hier ist", "soy", "aquí");
  private static final Pattern WEAK_INTRO =
      Pattern.compile("(?i:\\bi am|\\bi'm|\\bthis is|je suis|c'est|ich bin|hier ist|soy|aquí)\\s+(" + NAME + ")");
  private static final Pattern HONORIFIC = Pattern.compile(
      "(?<![\\p{L}])(?:(?:Mr|Mrs|Ms|Miss|Mister|Dr|Prof|Madame|Mme|Mlle|Monsieur|M\\.|Herr|Frau|Sr|Sra|Srta|"
          + "(?i:señor|señora|señorita|madame|monsieur|mister|docteur|doctor|doctora|doktor|professeur|professor|"
          + "profesora?|dottore?|dottoressa)|Don|Doña)\\.?\\s+){1,2}(" + NAME + ")");
  private static final Pattern CAPITALISED = Pattern.compile("(?<![\\p{L}\\p{N}_@.])" + CAP + "(?![\\p{L}\\p{N}_@])");
  private static final Pattern SURNAME =
      Pattern.compile("[ ](?:(?:van|von|de|del|da|di|du|le|la|dos|der|den)[ ]){0,2}(" + CAP + ")(?![\\p{L}\\p{N}_@])");
  private static final Pattern PLACE_PREFIX =
      Pattern.compile("(?:\\b(?:San|Santa|Santo|São|Saint|Sainte|St\\.?|Ste\\.?|Sankt|Los|Las|Port|Fort|Lake|Mount)\\s)$");
  private static final Set<String> NOT_SURNAME = Set.of("The", "And", "Or", "But", "Street", "Road", "Avenue",
      "Inc", "Ltd", "Corp", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
      "February", "March", "July", "August", "September", "October", "November", "December", "Is", "Was", "Has",
      "Will", "Can", "Please", "Thanks", "Hello", "Hi", "Dear", "From", "To", "In", "On", "At", "For", "With");

  private final Set<String> names;
  private final Set<String> ambiguous;
  private final Set<String> surnames;
  private final int maxNameLength;
  /** Hashed first-two-char pairs of the names (collisions only cost a lookup). */
  private final boolean[] namePrefixes;

  PersonRecognizer() {
    Set<String> n = new HashSet<>();
    Set<String> a = new HashSet<>();
    load(n, a);
    names = Set.copyOf(n);
    ambiguous = Set.copyOf(a);
    surnames = loadSurnames();
    int max = 0;
    for (String s : n) {
      max = Math.max(max, s.length());
    }
    for (String s : a) {
      max = Math.max(max, s.length());
    }
    maxNameLength = max;
    namePrefixes = new boolean[1 << 16];
    for (Set<String> set : List.of(n, a)) {
      for (String s : set) {
        if (s.length() >= 2) {
          namePrefixes[prefixKey(s.charAt(0), s.charAt(1))] = true;
        }
      }
    }
  }

  private static Set<String> loadSurnames() {
    Set<String> out = new HashSet<>();
    try (InputStream in = PersonRecognizer.class.getResourceAsStream("surnames.txt")) {
      if (in == null) {
        throw new IllegalStateException("resource io/llmops/guardrails/pii/surnames.txt is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          out.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the surname list", e);
    }
    return Set.copyOf(out);
  }

  private static void load(Set<String> names, Set<String> ambiguous) {
    try (InputStream in = PersonRecognizer.class.getResourceAsStream("first-names.txt")) {
      if (in == null) {
        throw new IllegalStateException("resource io/llmops/guardrails/pii/first-names.txt is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      boolean amb = false;
      for (String line; (line = r.readLine()) != null; ) {
        line = line.strip();
        if (line.equals("## ambiguous")) {
          amb = true;
        } else if (!line.isEmpty() && !line.startsWith("#")) {
          (amb ? ambiguous : names).add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the name gazetteer", e);
    }
  }

  @Override
  public String name() {
    return "person";
  }

  @Override
  public Set<String> supportedTypes() {
    return Set.of(EntityTypes.PERSON);
  }

  @Override
  public List<PiiEntity> recognize(PiiText t) {
    String text = t.text;
    List<PiiEntity> out = new ArrayList<>();
    // Each pattern is tried only where a match can start (see Scan): keyword offsets in the ASCII-lower-cased text
    // (the patterns' (?i) is ASCII-only too), honorific initials after a non-letter, upper-case letters.
    String lower = t.asciiLower();
    add(out, text, INTRO, keywordStarts(lower, INTRO_WORDS), 0.85, "person.introduction", false);
    add(out, text, GREETING, keywordStarts(lower, GREETING_WORDS), 0.85, "person.greeting", false);
    add(out, text, WEAK_INTRO, keywordStarts(lower, WEAK_INTRO_WORDS), 0.8, "person.weak_introduction", true);
    add(out, text, HONORIFIC, t.honorificStarts, 0.85, "person.honorific", false);
    if (t.hasAt) {
      add(out, text, BEFORE_EMAIL, t.capitalStarts, 0.85, "person.email_display_name", false);
    }
    Matcher m = Scan.matcher(CAPITALISED, text);
    Matcher surname = SURNAME.matcher(text);
    for (int from = 0; Scan.findAt(m, t.capitalStarts, from, text.length()); from = Scan.next(m)) {
      // Rule most capitalised words out before copying and hashing them: by length and by their first two chars.
      int len = m.end() - m.start();
      if (len > maxNameLength || !namePrefixes[prefixKey(text.charAt(m.start()), text.charAt(m.start() + 1))]) {
        continue;
      }
      String w = m.group();
      boolean known = names.contains(w);
      if (!known && !ambiguous.contains(w)) {
        continue;
      }
      int end = surnameEnd(surname, text, m.end());
      int start = surnameBefore(text, m.start());
      if (placeBefore(text, m.start())) {
        continue; // "San Francisco", "Saint Louis", "Sankt Peter": a place, not a person
      }
      boolean withSurname = end > m.end();
      // A name that is also a common word ("Rose Bowl", "Chase Bank") needs an introduction, a title or a surname
      // from the surname list ("Mark Johnson").
      boolean knownSurname = withSurname && surnames.contains(text.substring(m.end() + 1, end).split(" ")[0]);
      double score = withSurname ? (known || knownSurname ? 0.85 : 0.45) : (known ? 0.6 : 0.1);
      if (start < m.start()) {
        // Family name first ("Chen Wei", "Tanaka Hiroshi"): a listed surname right before a given name.
        score = Math.max(score, known ? 0.85 : 0.45);
        withSurname = true;
      }
      out.add(new PiiEntity(EntityTypes.PERSON, start, end, score,
          withSurname ? "person.gazetteer_full_name" : "person.gazetteer_given_name"));
    }
    return out;
  }

  private static int prefixKey(char a, char b) {
    return (a * 31 + b) & 0xFFFF;
  }

  /** The offsets where one of the keywords occurs in {@code lower}, ascending. */
  private static Offsets keywordStarts(String lower, List<String> keywords) {
    boolean[] mask = null;
    for (String k : keywords) {
      for (int i = lower.indexOf(k); i >= 0; i = lower.indexOf(k, i + 1)) {
        if (mask == null) {
          mask = new boolean[lower.length() + 1];
        }
        mask[i] = true;
      }
    }
    Offsets out = new Offsets(4);
    for (int i = 0; mask != null && i < mask.length; i++) {
      if (mask[i]) {
        out.add(i);
      }
    }
    return out;
  }

  /** "San Francisco", "Saint Louis": PLACE_PREFIX in the 8 chars before {@code start}. */
  private static boolean placeBefore(String text, int start) {
    char c = start == 0 ? 'x' : text.charAt(start - 1);
    if (!Character.isWhitespace(c) && c != '\u0085') {
      return false; // PLACE_PREFIX ends with \s and $ (which may precede a line terminator) right before the name
    }
    return PLACE_PREFIX.matcher(text.substring(Math.max(0, start - 8), start)).find();
  }

  private void add(List<PiiEntity> out, String text, Pattern p, Offsets starts, double score, String rule,
      boolean needsKnownName) {
    if (starts.size() == 0) {
      return;
    }
    Matcher m = Scan.matcher(p, text);
    for (int from = 0; Scan.findAt(m, starts, from, text.length()); from = Scan.next(m)) {
      int start = m.start(1);
      int end = m.end(1);
      String first = m.group(1).split(" ")[0];
      boolean known = names.contains(first) || ambiguous.contains(first);
      if (NOT_SURNAME.contains(first) || NOT_NAME.contains(first) || (needsKnownName && !known)) {
        continue;
      }
      if (p == GREETING && !known && !surnames.contains(first) && m.group(1).indexOf(' ') < 0) {
        continue; // "Hello World": one unknown word after a greeting is too weak
      }
      // Trim trailing words that cannot be part of a name ("Paris Street" is rare; "John Thanks" is not a name).
      String[] words = m.group(1).split(" ");
      int keep = words.length;
      while (keep > 1 && NOT_SURNAME.contains(words[keep - 1])) {
        end -= words[keep - 1].length() + 1;
        keep--;
      }
      out.add(new PiiEntity(EntityTypes.PERSON, start, end, known ? Math.min(1, score + 0.1) : score, rule));
    }
  }

  /** The start of a listed surname written right before the given name at {@code start}, else {@code start}. */
  private int surnameBefore(String text, int start) {
    if (start < 3 || text.charAt(start - 1) != ' ') {
      return start;
    }
    int i = start - 1;
    while (i > 0 && Character.isLetter(text.charAt(i - 1))) {
      i--;
    }
    return i < start - 1 && surnames.contains(text.substring(i, start - 1))
        && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))) ? i : start;
  }

  /** Extends a given name over up to three following capitalised words (the surname, with particles). */
  private static int surnameEnd(Matcher m, String text, int from) {
    int end = from;
    for (int i = 0; i < 3 && end < text.length(); i++) {
      m.region(end, text.length());
      if (!m.lookingAt() || NOT_SURNAME.contains(m.group(1))) {
        break;
      }
      end = m.end();
    }
    return end;
  }

  @Override
  public Set<String> contextWords() {
    return Set.of("name", "nom", "name:", "nombre", "customer", "client", "kunde", "cliente", "contact", "patient",
        "employee", "signed", "dear", "cher", "chère", "liebe", "lieber", "estimado", "estimada", "hello", "hi");
  }
}
