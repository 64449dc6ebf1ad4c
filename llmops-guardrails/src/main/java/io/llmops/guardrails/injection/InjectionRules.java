package io.llmops.guardrails.injection;

import io.llmops.guardrails.internal.Scan;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The built-in prompt-injection and jailbreak rules, in English, French, German and Spanish. Each matches on text
 * already {@linkplain io.llmops.guardrails.internal.TextNormalizer#fold folded} (lower case, no diacritics, no
 * invisible characters). Rules target the <em>structure</em> of an attack (a verb of overriding + an object naming
 * instructions; a persona + an unrestricted qualifier; a request + the system prompt), not memorised phrases, so that
 * benign look-alikes ("ignore the noise in the data", "show me the assembly instructions") stay clean.
 */
final class InjectionRules {

  /**
   * A named rule, the probability it contributes when it matches, and its trigger word prefixes: the rule can only
   * match a text holding a word that starts with one of them, so it is skipped otherwise (most prompts hold none,
   * and skipping is what keeps a 2 KB prompt well under a millisecond). {@code lead}: how many chars before a
   * trigger word a match can start ({@link #OBJECT_LEAD} when the triggers are the object at the end; a few chars
   * when they are the opening verb, e.g. "set aside", "from now on").
   */
  record Rule(String name, Pattern pattern, double weight, List<String> triggers, int lead) {
    /** Reported speech ("my manager told me to ignore the old rules") is about a third party, not the model. */
    private static final Pattern REPORTED = Pattern.compile("\\b(?:told|asked|tells|said|wants) (?:me|us|him|her|them|"
        + "you) to $");

    boolean matches(String folded) {
      return matches(folded, 0, folded.length());
    }

    /** Whether a match starts in [from, to); lookarounds still see the whole text. */
    boolean matches(String folded, int from, int to) {
      // Every rule opens with \\b, ^ or a non-word char, so a match never starts inside a word. One region and
      // find() instead of region() + lookingAt() at each word start: region() resets the matcher, and that reset
      // (clearing the pattern's loop state) was the largest single cost of the rules on a 2 KB prompt.
      java.util.regex.Matcher m = Scan.matcher(pattern, folded);
      int i = from;
      while (i <= to) {
        m.region(i, to);
        if (!m.find()) {
          return false;
        }
        if (!name.equals("instruction_override.en")
            || !REPORTED.matcher(folded.substring(Math.max(0, m.start() - 24), m.start())).find()) {
          return true;
        }
        i = Scan.next(m);
      }
      return false;
    }
  }

  private static final String PRIOR = "(?:previous|prior|above|earlier|preceding|initial|original|former|system|"
      + "old|existing|given|developer|safety|default|current|all)";
  private static final String INSTR = "(?:instructions?|prompts?|rules?|directions?|directives?|guidelines?|"
      + "context|constraints?|programming|commands?|orders?|restrictions?|guardrails?|policies|policy)";
  private static final String FR_PRIOR = "(?:precedentes?|ci-dessus|anterieures?|initiales?|originales?|du systeme|"
      + "systeme|d'avant|donnees?|recues?)";
  private static final String FR_INSTR = "(?:instructions?|consignes?|regles?|directives?|ordres?|restrictions?)";
  private static final String DE_PRIOR = "(?:vorherigen?|bisherigen?|obigen?|vorangegangenen?|fruheren?|"
      + "ursprunglichen?|alten?|gegebenen?|system)";
  private static final String DE_INSTR = "(?:anweisungen|anweisung|instruktionen|befehle|regeln|vorgaben|richtlinien|"
      + "einschrankungen|systemanweisungen)";
  private static final String ES_PRIOR = "(?:anteriores|previas|de arriba|iniciales|originales|del sistema|dadas|"
      + "recibidas)";
  private static final String ES_INSTR = "(?:instrucciones|reglas|directrices|ordenes|indicaciones|restricciones|"
      + "normas)";
  private static final String BAD_PERSONA = "(?:evil|unfiltered|uncensored|jailbroken|unrestricted|unlimited|"
      + "amoral|unethical|rogue|unbound|malicious|malefique|malveillante?|non censuree?|sans censure|bose|boshafte?r?|"
      + "unzensierte?r?|uneingeschrankte?r?|malvad[oa]|malign[oa]|sin censura)\\b";
  private static final String NO_LIMITS = "(?:without|with no|with zero|zero|no|free (?:of|from)|sans|ohne|sin|"
      + "libre de|frei von|libre de|no longer bound by)\\s+(?:any\\s+|all\\s+|aucune\\s+|toute\\s+|tout\\s+|"
      + "toutes\\s+|jegliche\\s+|allen\\s+|irgendwelche\\s+|ninguna\\s+|ningun\\s+|toda\\s+|cualquier\\s+|"
      + "the\\s+|your\\s+)?(?:moral\\s+|ethical\\s+|content\\s+|safety\\s+)?"
      + "(?:restrictions?|filters?|limitations|limits|censorship|guidelines|ethics|morals|rules|polic(?:y|ies)|"
      + "filtres?|limites?|censure|regles?|einschrankungen|filter|regeln|zensur|grenzen|restricciones|filtros|"
      + "censura|reglas?)\\b";

  static final List<Rule> RULES = List.of(
      // Instruction override.
      rule("instruction_override.en", "\\b(?:ignore|disregard|forget|skip|override|bypass|neglect|drop|discard|abandon|overlook|"
          + "set aside|put aside|throw out|scrap|cancel|don't follow|do not follow|stop following)\\b(?:,?\\s+(?:all|"
          + "any|each|every|the|your|my|of|these|those|that|whatever|everything|previously|prior|above|before|you|"
          + "were|have|been|given|told|received|please|now|just|simply|completely|\\w+'s)){0,5}\\s+(?:" + PRIOR
          + "\\s+)?" + INSTR + "\\b", 0.9, "ignor disregard forget skip overrid bypass neglect drop discard abandon overlook aside throw scrap cancel follow", 16),
      rule("instruction_override.en", "\\b(?:ignore|disregard|forget)\\s+(?:everything|all|anything)\\s+(?:above|"
          + "before|prior|previously|you (?:were|have been) (?:told|given|taught))", 0.9, "ignor disregard forget", 16),
      rule("instruction_override.fr", "\\b(?:ignore[rsz]?|oublie[rsz]?|ne tiens pas compte|fais abstraction|"
          + "outrepasse[rsz]?|contourne[rsz]?|laisse tomber|mets de cote)\\b(?:\\s+(?:de|des|toutes?|tous|les|tes|vos|"
          + "ces|mes|ce|qu'on|t'a|vous a|dit|donne|tout|stp|donc)){0,4}\\s+(?:" + FR_INSTR + "(?:\\s+" + FR_PRIOR
          + ")?|ce qui precede|tout ce qu'on t'a dit|ce qu'on t'a (?:dit|demande|donne)|ce que (?:l'on|on) t'a "
          + "(?:dit|demande))", 0.9, "ignor oubli tiens fais outrepass contourn laisse mets", 16),
      rule("instruction_override.de", "\\b(?:ignoriere|ignorieren|ignorier|vergiss|vergessen|missachte|"
          + "missachten|uberschreibe|umgehe)\\b(?:,?\\s+(?:alle|alles|deine|die|ihre|samtliche|jegliche|was|bisher|"
          + "dir|ihnen|sie|gesagt|wurde|zuvor|vorher|bitte|jetzt|einfach|mal)){0,5}\\s+(?:" + DE_PRIOR + "\\s+)?" + DE_INSTR, 0.9, "ignorier vergiss vergessen missacht uberschreib umgeh", 16),
      rule("instruction_override.de", "\\b(?:vergiss|vergessen sie|ignoriere|ignorieren sie)\\s+(?:alles|alle)"
          + ",?\\s+(?:bisherige|vorherige|was|obige|davor|zuvor)", 0.9, "vergiss vergessen ignorier", 16),
      rule("instruction_override.es", "\\b(?:ignora|ignore|ignorar|olvida|olvide|olvidar|omite|descarta|"
          + "desobedece|salta(?:te)?|deja de lado|pasa de)\\b(?:\\s+(?:todas|todos|todo|las|los|tus|sus|mis|estas|esas|"
          + "lo|que|te|han|dicho|dado|por favor|ahora)){0,4}\\s+(?:" + ES_INSTR + "(?:\\s+" + ES_PRIOR + ")?|lo "
          + "anterior|todo lo (?:anterior|que te (?:dijeron|han dicho))|lo que te (?:dijeron|pidieron|han dicho|"
          + "han pedido))", 0.9, "ignor olvid omite descarta desobedece salta deja pasa", 16),
      // Passive or declarative voiding of earlier instructions, in four languages.
      rule("instruction_override.void", "\\b(?:previous|prior|earlier|above|old|original|your|all|the|system)\\s+"
          + "(?:\\w+\\s+)?" + INSTR + "\\s+(?:are|is|have been|has been)\\s+(?:now\\s+)?(?:cancel+ed|void|revoked|"
          + "obsolete|null|lifted|suspended|overridden|no longer (?:valid|apply|applicable|in effect))|\\b(?:you(?:'re|"
          + " are)|you're) no longer (?:bound|restricted|limited|required to follow)\\b|\\b" + INSTR + "\\s+(?:no "
          + "longer apply|don't apply anymore)|\\b(?:les |tes |vos )?" + FR_INSTR + "\\s+(?:" + FR_PRIOR + "\\s+)?"
          + "(?:sont|est)\\s+(?:desormais\\s+)?(?:annulee?s?|caduques?|levee?s?|abrogee?s?)|\\b" + FR_INSTR
          + "\\s+(?:" + FR_PRIOR + "\\s+)?ne (?:valent|s'appliquent|comptent) plus|\\b(?:deine|die|alle)\\s+(?:"
          + DE_PRIOR + "\\s+)?" + DE_INSTR + "\\s+(?:gelten nicht mehr|sind (?:aufgehoben|ungultig|annulliert|"
          + "hinfallig))|\\b(?:las |tus )?" + ES_INSTR + "\\s+(?:" + ES_PRIOR + "\\s+)?(?:ya no (?:valen|aplican|"
          + "sirven|cuentan)|(?:quedan|estan) (?:anuladas|canceladas|revocadas))", 0.85, "cancel void revoked obsolete null lifted suspended overridden longer apply annul caduc leve abroge valent appliquent comptent gelten aufgehoben ungultig annulliert hinfallig valen aplican sirven cuentan quedan estan"),
      rule("new_instructions", "\\b(?:new|updated|real|actual|true|secret|hidden|following)\\s+(?:system\\s+)?"
          + "(?:instructions?|directives?|rules|task|orders)\\s*(?::|are\\b|follow\\b)|\\bfrom now on,?\\s+(?:you|"
          + "your|ignore|respond|answer|act|only)|\\b(?:nouvelles? (?:instructions|consignes|regles)\\s*:|a partir "
          + "de maintenant,? (?:tu|vous|ignore|reponds)|neue (?:anweisungen|regeln|befehle)\\s*:|ab (?:jetzt|"
          + "sofort),? (?:bist du|wirst du|antwortest du|ignorierst)|nuevas (?:instrucciones|reglas)\\s*:|a partir "
          + "de ahora,? (?:eres|seras|responde|ignora|tu))", 0.6, "new updated real actual true secret hidden following now maintenant jetzt sofort ahora nouvelle neue nuevas", 24),
      // Role-play and persona jailbreaks.
      rule("role_play.persona", "\\b(?:you are|you're|you will be|act as|acting as|pretend (?:to be|you are|you're)|"
          + "roleplay as|role-play as|play the role of|behave like|become|simulate|imagine you are|"
          + "tu es|tu seras|agis comme|fais comme si tu etais|joue le role d'?|du bist|bist du|spiele|verhalte dich wie|"
          + "tu so,? als warst du|tu so,? als ob du|eres|seras|actua como|finge (?:ser|que eres)|"
          + "interpreta el papel de)\\s+(?:[\\p{L}'-]+\\s+){0,4}?(?:" + BAD_PERSONA + "|" + NO_LIMITS + ")", 0.85, "evil unfiltered uncensored jailbroken unrestricted unlimited amoral unethical rogue unbound malicious malefique malveillant censur bose boshaft unzensiert uneingeschrankt malvad malign restriction filter limitation limit censorship guideline ethic moral rule polic filtre limite censure regle einschrankung regeln zensur grenzen restricciones filtros censura regla"),
      rule("role_play.dan", "\\b(?:you are|you're|be|act as|become|tu es|tu deviens|sois|du bist|bist du|sei|eres|"
          + "seras|actua como)\\s+(?:now\\s+|maintenant\\s+|jetzt\\s+|nun\\s+|ahora\\s+)?dan\\b|"
          + "\\bdan\\b.{0,80}\\bdo anything now\\b|\\bdan mode\\b", 0.95, "dan"),
      // An imperative to the model to switch mode; asking how to enable a phone's developer mode is not one.
      rule("role_play.developer_mode", "(?:^|[.!:;]\\s*|\\band\\s+|\\bet\\s+|\\bund\\s+|\\by\\s+)(?:please\\s+)?"
          + "(?:enable|activate|enter|switch to|turn on|active|activez|passe en|aktiviere|wechsle in|activa|entra en)"
          + "\\s+(?:the\\s+|le\\s+|den\\s+|el\\s+)?(?:(?:developer|dev|god|debug|dan|jailbreak|unrestricted) mode|"
          + "mode (?:developpeur|dieu|debug|sans filtre)|(?:entwickler|gott|debug)-?modus|modo (?:desarrollador|dios|"
          + "depuracion))", 0.55, "mode modus modo"),
      rule("role_play.no_restrictions", "\\b" + NO_LIMITS, 0.45, "restriction filter limitation limit censorship guideline ethic moral rule polic filtre limite censure regle einschrankung regeln zensur grenzen restricciones filtros censura regla"),
      rule("role_play.jailbreak_word", "\\bjail\\s?break(?:ing|ed)?\\b(?!-)", 0.35, "jail", 4),
      rule("role_play.hypothetical", "\\b(?:hypothetically|in a fictional world|for a story|in a movie script)\\b.{0,80}"
          + "\\b(?:no rules|no restrictions|illegal|without (?:any )?limits)", 0.5, "hypothetically fictional story movie", 16),
      // Safety bypass.
      rule("safety_bypass", "\\b(?:bypass|disable|deactivate|turn off|switch off|remove|ignore|circumvent|drop|"
          + "skip|suspend|lift|waive|"
          + "desactive[rsz]?|contourne[rsz]?|deaktiviere|umgehe|desactiva|elude|evita)\\s+(?:all\\s+|your\\s+|the\\s+|"
          + "tes\\s+|les\\s+|vos\\s+|deine\\s+|die\\s+|alle\\s+|tus\\s+|los\\s+|las\\s+)?(?:safety|content|security|"
          + "moderation|ethical|ethics|securite|moderation|sicherheits|inhalts|seguridad|moderacion)[\\s-]?"
          + "(?:filters?|guidelines|rules|protocols|measures|checks|settings|filtres?|regles|filter|richtlinien|"
          + "regeln|filtros|reglas|normas|mechanisms)?(?=\\W|$)", 0.85, "safety content security moderation ethical ethics securite sicherheits inhalts seguridad moderacion"),
      rule("safety_bypass", "\\b(?:desactive[rsz]?|contourne[rsz]?|ignore[rsz]?|supprime[rsz]?|enleve[rsz]?|"
          + "desactiva|elude|evita|ignora|salta(?:te)?|quita|deaktiviere|umgehe|ignoriere|entferne|schalte)\\s+"
          + "(?:\\p{L}+\\s+){0,2}?(?:(?:filtres?|regles|protections?|filtros|normas|reglas|politicas|protecciones|"
          + "limites)\\s+de\\s+(?:securite|moderation|seguridad|moderacion|contenu|contenido)|(?:sicherheits|inhalts|"
          + "moderations|jugendschutz)(?:filter|richtlinien|regeln|einstellungen|mechanismen))", 0.85, "securite moderation seguridad moderacion contenu contenido sicherheits inhalts moderations jugendschutz"),
      // System-prompt extraction.
      rule("system_prompt_extraction", "\\b(?:reveal|show|print|repeat|output|display|tell|give|leak|dump|share|"
          + "disclose|write out|spell out|recite|paste|what (?:is|are|was|were)|list)\\b(?:\\s+(?:me|us|your|the|all|"
          + "of|back|verbatim|exactly|full|entire|whole|complete|hidden|secret|initial|original|exact)){0,5}\\s+"
          + "(?:system\\s?prompt|system\\s+(?:message|instructions)|(?:initial|original|hidden|secret|exact|full|"
          + "confidential)\\s+(?:prompt|instructions)|instructions you (?:were|have been) given|prompt you were given|"
          + "pre-?prompt)", 0.85, "prompt instruction message preprompt pre"),
      rule("system_prompt_extraction", "\\b(?:repeat|print|output|copy|return)\\s+(?:all\\s+|everything\\s+|the\\s+"
          + "(?:text|words|lines|content)\\s+)?(?:above|before this|preceding)\\b|\\bstart(?:ing)? (?:your "
          + "(?:answer|response) )?with \"?you are (?:a|an|chatgpt)", 0.8, "above before preceding start"),
      rule("system_prompt_extraction", "\\b(?:revele[rsz]?|montre[rsz]?(?:-moi)?|affiche[rsz]?|donne[rsz]?(?:-moi)?|"
          + "repete[rsz]?|dis(?:-moi)?|quel(?:le)? est|ecris)\\b(?:\\s+(?:moi|nous|tes|ton|ta|vos|votre|le|la|les|"
          + "exactement|mot pour mot)){0,3}\\s+(?:prompt(?:\\s+systeme)?|instructions (?:systeme|initiales|"
          + "cachees|secretes)|consignes (?:initiales|systeme|cachees))", 0.85, "prompt instruction consigne"),
      rule("system_prompt_extraction", "\\b(?:zeige?|gib|verrate|wiederhole|nenne|drucke|was (?:ist|sind))\\b"
          + "(?:\\s+(?:mir|uns|deinen|deine|dein|den|die|das|genau|wortlich|vollstandigen?)){0,3}\\s+"
          + "(?:system-?prompt|systemanweisungen|systemnachricht|ursprunglichen anweisungen|versteckten anweisungen|"
          + "geheimen anweisungen|prompt)", 0.85, "prompt system anweisungen nachricht"),
      rule("system_prompt_extraction", "\\b(?:revela|muestra(?:me)?|dime|imprime|repite|ensena(?:me)?|cual es|"
          + "cuales son|escribe)\\b(?:\\s+(?:me|tu|tus|el|la|los|las|su|sus|exactamente|textualmente)){0,3}\\s+"
          + "(?:prompt(?: del sistema| de sistema)?|instrucciones (?:del sistema|iniciales|ocultas|secretas|"
          + "originales)|mensaje del sistema)", 0.85, "prompt instrucciones mensaje"),
      // Spoofed chat-template delimiters and fake system turns.
      rule("delimiter_spoofing", "<\\|?(?:im_start|im_end|system|endoftext|eot_id|start_header_id)\\|?>|\\[/?(?:inst|"
          + "sys|system)\\]|<<sys>>|^\\s*#{2,}\\s*(?:system|instruction|new instructions)\\b|\\bend of (?:system )?"
          + "prompt\\b|\\bsystem override\\b|\\badmin override\\b", 0.75, "im start end system inst sys endoftext eot header admin instruction new"),
      rule("system_prompt_extraction", "\\b(?:print|output|show|repeat|copy|reproduce|recite|dump|write|give|"
          + "display|paste|affiche|recopie|reproduis|ecris|donne|gib|zeige?|kopiere|wiederhole|schreib|imprime|copia|"
          + "muestra|repite|escribe|dame)\\b.{0,40}\\b(?:before|above|prior to|avant|vor|antes de)\\s+(?:my|mon|ma|"
          + "meiner|meinem|mi)\\s+(?:first\\s+|premier\\s+|erste[nr]?\\s+|primer\\s+)?(?:message|prompt|question|"
          + "nachricht|frage|mensaje|pregunta)", 0.8, "print output show repeat copy reproduc recite dump write give display paste affich recopi reprodui ecris donn gib zeig kopier wiederhol schreib imprime copia muestra repite escribe dame", 16),
      rule("system_prompt_extraction", "\\b(?:print|output|show|repeat|copy|reproduce|recite|dump|reply with|write|"
          + "give|display|paste|share|reveal|recopie[rz]?|reproduis|affiche[rz]?|donne[rz]?|montre[rz]?|revele[rz]?|gib|"
          + "zeige?|kopiere|wiederhole|verrate|nenne|copia|muestra(?:me)?|repite|revela|dame|ensena)\\b.{0,30}"
          + "(?:system\\s?prompt|developer message|system message|initial prompt|full prompt|original prompt|"
          + "hidden (?:text|prompt|instructions)|instructions? (?:systeme|initiales|cachees)|consignes (?:systeme|"
          + "initiales|cachees)|system-?anweisungen|systemnachricht|entwicklernachricht|instrucciones del sistema|"
          + "mensaje del (?:sistema|desarrollador)|prompt (?:systeme|del sistema|inicial))", 0.85, "prompt message hidden instruction consignes system anweisungen nachricht instrucciones mensaje"),
      rule("prompt_leak_marker", "\\b(?:above|previous) prompt\\b.{0,30}\\b(?:verbatim|word for word)", 0.7, "above previous", 16));

  /**
   * How far from a trigger word a match may start or end. The longest rules are a verb, five filler words and an
   * object (~130 chars), or two anchors {@code .{0,80}} apart: well under this.
   */
  static final int SPAN = 200;

  /**
   * How far before an object trigger a match can start: the longest verb-to-object forms (a verb, five short filler
   * words, a qualifier; a persona prefix and four words) stay under 110 chars.
   */
  static final int OBJECT_LEAD = 120;

  /** Trie over the trigger prefixes of {@link #RULES}: a node's mask holds the rules whose trigger ends there. */
  private static final class Node {
    final Node[] next = new Node[128];
    long mask;
  }

  private static final Node TRIE = new Node();

  static {
    if (RULES.size() > 64) {
      throw new IllegalStateException("more than 64 rules");
    }
    for (int r = 0; r < RULES.size(); r++) {
      for (String t : RULES.get(r).triggers()) {
        Node n = TRIE;
        for (int i = 0; i < t.length(); i++) {
          char c = t.charAt(i);
          if (c >= 128) {
            throw new IllegalStateException("non-ASCII trigger: " + t);
          }
          if (n.next[c] == null) {
            n.next[c] = new Node();
          }
          n = n.next[c];
        }
        n.mask |= 1L << r;
      }
    }
  }

  /**
   * Returns the rules (bit {@code r} for {@code RULES.get(r)}) with a trigger that prefixes the word starting at
   * {@code start}.
   *
   * @param folded folded text
   * @param start the first char of a word
   * @return the rule mask
   */
  static long triggered(String folded, int start) {
    long mask = 0;
    Node n = TRIE;
    for (int i = start; i < folded.length(); i++) {
      char c = folded.charAt(i);
      if (c >= 128 || (n = n.next[c]) == null) {
        break;
      }
      mask |= n.mask;
    }
    return mask;
  }

  private InjectionRules() {}

  private static Rule rule(String name, String regex, double weight, String triggers) {
    return rule(name, regex, weight, triggers, OBJECT_LEAD);
  }

  private static Rule rule(String name, String regex, double weight, String triggers, int lead) {
    return new Rule(name, Pattern.compile(regex, Pattern.MULTILINE | Pattern.DOTALL), weight,
        List.of(triggers.split(" ")), lead);
  }
}
