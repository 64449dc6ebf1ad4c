#!/usr/bin/env python3
"""Generates the prompt-injection training corpus of llmops-guardrails (written for this project, not copied).

Templates x slot fillers x languages, sampled with a fixed seed, plus the hand-written prompts in hand.py and the old
encoder exemplars; deduplicated on folded text. Output: label<TAB>lang<TAB>family<TAB>text (newlines as a literal
backslash-n). Run from the repository root:

    python3 llmops-guardrails/tools/injection_corpus/generate.py

The evaluation sets under src/test/resources/corpus (development, held-out, fresh, blind) are never read here.
"""
import os
import random
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from hand import ATTACKS, BENIGN  # noqa: E402
from templates import LANGS, benign_docs, attack_docs  # noqa: E402
from templates_more import MORE  # noqa: E402
from prose import benign_prose  # noqa: E402

OUT = os.path.join(os.path.dirname(__file__), "../../src/main/resources/io/llmops/guardrails/injection/injection-train.tsv")
EXEMPLARS = os.path.join(os.path.dirname(__file__), "exemplars.tsv")
RNG = random.Random(20261129)


def fill(template, slots, rng):
    def sub(m):
        options = slots[m.group(1)]
        v = rng.choice(options)
        return fill(v, slots, rng) if "{" in v else v
    return re.sub(r"\{(\w+)\}", sub, template)


def leet(s, rng):
    table = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}
    return "".join(table[c] if c in table and rng.random() < 0.7 else c for c in s)


def spaced(s, rng):
    words = s.split()
    k = rng.randrange(len(words))
    j = min(len(words), k + rng.randint(2, 4))
    return " ".join(words[:k] + [" ".join(w) for w in words[k:j]] + words[j:])


def dotted(s, rng):
    return re.sub(r"\b(\w)(\w)(\w+)", lambda m: m.group(1) + "." + m.group(2) + "." + m.group(3)
                  if rng.random() < 0.4 else m.group(0), s)


def key(text):
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", " ", t).strip()


def main():
    rows = []
    for lang, fam, text in ATTACKS:
        rows.append((1, lang, fam, text))
    for lang, fam, text in BENIGN:
        rows.append((0, lang, fam, text))
    with open(EXEMPLARS, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                label, text = line.rstrip("\n").split("\t", 1)
                rows.append((int(label), "xx", "exemplar", text))
    for lang, spec in LANGS.items():
        slots = spec["slots"]
        for fam, (count, templates) in spec["attacks"].items():
            for _ in range(count):
                rows.append((1, lang, fam, fill(RNG.choice(templates), slots, RNG)))
        for fam, (count, templates) in spec["benign"].items():
            for _ in range(count):
                rows.append((0, lang, fam, fill(RNG.choice(templates), slots, RNG)))
        # Obfuscated attacks: the override and extraction sentences, leetspeak, spaced or dotted.
        for _ in range(spec.get("obfuscated", 0)):
            base = fill(RNG.choice(spec["attacks"]["override"][1]), slots, RNG)
            rows.append((1, lang, "obfuscation", RNG.choice([leet, spaced, dotted])(base, RNG)))
        # Indirect injection: a benign document with one injected sentence, and the same kind of document without.
        for text in attack_docs(lang, RNG):
            rows.append((1, lang, "indirect", text))
        for text in benign_docs(lang, RNG):
            rows.append((0, lang, "document", text))
    for lang, spec in MORE.items():
        slots = spec["slots"]
        for label, group in ((1, "attacks"), (0, "benign")):
            for fam, (count, templates) in spec[group].items():
                for _ in range(count):
                    rows.append((label, lang, fam, fill(RNG.choice(templates), slots, RNG)))
    # Business and technical prose (numbers, addresses, versions). Not also with injected sentences inside: labels are
    # per prompt, and prose sentences in attack examples taught the model that prose itself is suspicious (measured:
    # more false positives on chunks of long benign prompts).
    for lang, nb in {"en": 260, "fr": 80, "de": 80, "es": 80}.items():
        for text in benign_prose(lang, RNG, nb):
            rows.append((0, lang, "prose", text))
    seen = set()
    out = []
    for label, lang, fam, text in rows:
        text = text.replace("\t", " ").strip()
        k = key(text)
        if k in seen or not k:
            continue
        seen.add(k)
        out.append((label, lang, fam, text))
    RNG.shuffle(out)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Prompt-injection training corpus for the trained injection classifier: label<TAB>lang<TAB>family<TAB>text\n")
        f.write("# (1 = injection/jailbreak, 0 = benign, many benign lines are deliberate look-alikes). Written for llmops-java\n")
        f.write("# and generated by llmops-guardrails/tools/injection_corpus/generate.py (templates x slot fillers x languages,\n")
        f.write("# hand-written prompts, the former encoder exemplars); a literal \\n is a line break. Do not edit by hand.\n")
        for label, lang, fam, text in out:
            f.write(f"{label}\t{lang}\t{fam}\t{text.replace(chr(10), chr(92) + 'n')}\n")
    pos = sum(1 for r in out if r[0] == 1)
    print(f"{len(out)} prompts, {pos} attacks, {len(out) - pos} benign", file=sys.stderr)
    by = {}
    for r in out:
        by.setdefault((r[1], r[0]), 0)
        by[(r[1], r[0])] += 1
    print(sorted(by.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
