#!/usr/bin/env python3
"""Fit E103's letter prior: how common each non-ASCII letter is in the world's written languages,
alone and between a vowel, a consonant or a word boundary, as costs in half-bits, written to
src/rules/encoding/letter_prior_data.rs and letter_prior_context.bin beside it.

usage: tools/train_letter_prior.py PYTHON_WITH_WORDFREQ [--lines FILE] [--out DIR]

  PYTHON_WITH_WORDFREQ  an interpreter that can `import wordfreq` (version 3.1.1: `python3 -m venv
                        /tmp/wf && /tmp/wf/bin/pip install wordfreq==3.1.1`); kept out of the project
  --lines               JSONL with `text` and `lang` fields: how often a non-ASCII letter is a
                        capital, and German's `ß` (default: ../shared/devsets/multilingual/lines.jsonl)
  --out                 where the two generated files go (default: src/rules/encoding)

When two code pages read a damaged run back into equally strange text (`ĂĄ` is `á` read as
ISO-8859-2 and `å` read as Windows-1250; `Ăź` is `ü` read as ISO-8859-2 and `ß` read as
Windows-1250), the reading a language of the document would more likely write is the likelier.
For each language wordfreq lists, the program counts (weighted by word frequency) each letter's
share of the language's letters, and each non-ASCII letter's share of the letters that stand in
the same context: the class of the letter before it and of the letter after it (a vowel, a
consonant, or none: the word's edge). A document is then read under its likeliest language
(its ASCII letters weigh in too). wordfreq lowercases: a capital costs its small letter's cost
plus the cost of being a capital, measured on the lines file; wordfreq casefolds `ß` into `ss`,
so German's `ß` is counted on the German lines of the lines file. The data is wordfreq's
(CC BY-SA 4.0, by Robyn Speer and contributors); the tables hold only letter statistics derived
from it. The output is deterministic for a given wordfreq version and lines file.
"""
import json, math, os, subprocess, sys, unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# Only letters in these blocks are tabulated: Latin-1 to Latin Extended-B, Greek, Cyrillic (with
# its supplement), Armenian, Hebrew, Arabic, and Latin Extended Additional (Vietnamese). CJK,
# kana and hangul are told apart by the strangeness measure, not by letter frequency.
BLOCKS = [(0x00C0, 0x024F), (0x0370, 0x052F), (0x0530, 0x06FF), (0x1E00, 0x1EFF)]
WORDS_PER_LANGUAGE = 100_000
# The highest cost (half-bits); a letter rarer than this is not worth telling apart from unseen.
CAP = 40
# How much of a letter's probability in context comes from its context counts (the rest from
# its share of all letters): the contexts are few, but a rare letter's counts in one are thin.
CONTEXT_WEIGHT = 0.8
# Letters that are vowels beyond those whose decomposition starts with a, e, i, o, u or y.
VOWELS = "аеёиоуыэюяіїєүөәıαεηιουωάέήίόύώ"

COUNT = r"""
import importlib.metadata, json, sys, unicodedata, wordfreq
limit = int(sys.argv[1])
out = {}
for lang in sorted(wordfreq.available_languages("best")):
    freqs = wordfreq.get_frequency_dict(lang, "best")
    top = sorted(freqs.items(), key=lambda wf: (-wf[1], wf[0]))[:limit]
    out[lang] = [[unicodedata.normalize("NFC", w), f] for w, f in top]
json.dump({"version": importlib.metadata.version("wordfreq"), "languages": out}, sys.stdout)
"""


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def tabulated(c):
    o = ord(c)
    return any(a <= o <= b for a, b in BLOCKS) and unicodedata.category(c) in ("Ll", "Lo", "Lm")


def vowel(c):
    c = c.lower()
    base = unicodedata.normalize("NFD", c)[:1]
    return base in "aeiouy" or c in VOWELS


def kind(c):
    """0 a vowel, 1 a consonant, 2 no letter (the word's edge)."""
    if c is None or not c.isalpha():
        return 2
    return 0 if vowel(c) else 1


class Counts:
    def __init__(self):
        self.letters = 0.0
        self.unigram = {}
        self.context = {}  # (letter, context) -> weight
        self.context_total = [0.0] * 9

    def word(self, w, f, only=None):
        chars = list(w)
        for i, c in enumerate(chars):
            if not c.isalpha():
                continue
            ctx = kind(chars[i - 1] if i else None) * 3 + kind(chars[i + 1] if i + 1 < len(chars) else None)
            self.letters += f
            self.context_total[ctx] += f
            if only is not None and c != only:
                continue
            if tabulated(c) or "a" <= c <= "z":
                self.unigram[c] = self.unigram.get(c, 0.0) + f
                if not "a" <= c <= "z":
                    self.context[(c, ctx)] = self.context.get((c, ctx), 0.0) + f


def cost(p):
    return min(CAP, round(-2 * math.log2(p))) if p > 0 else CAP


def lines_stats(lines):
    """The capital cost, and German `ß` counts from the German lines."""
    upper = lower = 0
    german = Counts()
    with open(lines, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = record["text"]
            for c in text:
                if ord(c) > 0x7F and c.isalpha():
                    if c.isupper():
                        upper += 1
                    elif c.islower():
                        lower += 1
            if record.get("lang") == "de":
                for w in "".join(c if c.isalpha() else " " for c in text.lower()).split():
                    german.word(w, 1.0, only="ß")
    capital = round(-2 * math.log2((upper + 1) / (upper + lower + 2)))
    return capital, german


def main():
    if len(sys.argv) < 2 or sys.argv[1].startswith("--"):
        sys.exit(__doc__)
    python = sys.argv[1]
    lines = arg("--lines", os.path.join(ROOT, "..", "shared", "devsets", "multilingual", "lines.jsonl"))
    out = arg("--out", os.path.join(ROOT, "src", "rules", "encoding"))
    raw = subprocess.run(
        [python, "-c", COUNT, str(WORDS_PER_LANGUAGE)], check=True, capture_output=True, text=True
    ).stdout
    data = json.loads(raw)
    names = sorted(data["languages"])
    capital, german = lines_stats(lines)
    counts = {}
    for lang in names:
        k = Counts()
        for w, f in data["languages"][lang]:
            k.word(w, f)
        counts[lang] = k
    # German's `ß`, as a share of German letters and of each context's letters.
    de = counts["de"]
    de.unigram["ß"] = german.unigram.get("ß", 0.0) / max(german.letters, 1) * de.letters
    for ctx in range(9):
        n = german.context.get(("ß", ctx), 0.0)
        if n:
            de.context[("ß", ctx)] = n / max(german.context_total[ctx], 1) * de.context_total[ctx]

    def share(lang, c):
        k = counts[lang]
        return k.unigram.get(c, 0.0) / k.letters if k.letters else 0.0

    def in_context(lang, c, ctx):
        k = counts[lang]
        if c == "ς" and "σ" in k.unigram:
            c = "σ"
        alone = share(lang, c)
        total = k.context_total[ctx]
        there = k.context.get((c, ctx), 0.0) / total if total else 0.0
        return CONTEXT_WEIGHT * there + (1 - CONTEXT_WEIGHT) * alone

    letters = set()
    for lang in names:
        letters.update(c for c in counts[lang].unigram if not "a" <= c <= "z")
    if "σ" in letters:
        letters.add("ς")
    mean = {}
    for c in letters:
        p = sum(share(lang, "σ" if c == "ς" else c) for lang in names) / len(names)
        if cost(p) < CAP:
            mean[c] = cost(p)
    rows = sorted(mean)
    context = bytearray()
    for c in rows:
        for lang in names:
            context.extend(cost(in_context(lang, c, ctx)) for ctx in range(9))
    ascii_costs = [[cost(share(lang, chr(0x61 + i))) for i in range(26)] for lang in names]
    vowels = sorted(c for c in rows if vowel(c))

    with open(os.path.join(out, "letter_prior_context.bin"), "wb") as f:
        f.write(bytes(context))
    with open(os.path.join(out, "letter_prior_data.rs"), "w", encoding="utf-8") as f:
        f.write("// @generated by tools/train_letter_prior.py from wordfreq ")
        f.write(f"{data['version']} ({len(names)} languages); do not edit.\n")
        f.write("// Letter statistics derived from wordfreq's data (CC BY-SA 4.0).\n\n")
        f.write("/// What it costs a non-ASCII letter to be a capital, in half-bits.\n")
        f.write(f"pub const CAPITAL: u8 = {capital};\n\n")
        f.write("/// Letters no language in the table writes cost this, in half-bits.\n")
        f.write(f"pub const UNSEEN: u8 = {CAP};\n\n")
        f.write("/// The languages, by wordfreq's code.\n")
        f.write(f"pub const LANGUAGES: [&str; {len(names)}] = [\n")
        for lang in names:
            f.write(f"    {json.dumps(lang)},\n")
        f.write("];\n\n")
        f.write("/// Each small non-ASCII letter and its cost, -2 log2 of its mean share of a\n")
        f.write("/// language's letters, sorted by code point.\n")
        f.write("pub const COSTS: &[(char, u8)] = &[\n")
        for c in rows:
            f.write(f"    ('\\u{{{ord(c):04x}}}', {mean[c]}),\n")
        f.write("];\n\n")
        f.write("/// The small non-ASCII letters of [`COSTS`] that are vowels, sorted.\n")
        f.write("pub const VOWELS: &[char] = &[\n")
        for c in vowels:
            f.write(f"    '\\u{{{ord(c):04x}}}',\n")
        f.write("];\n\n")
        f.write("/// The cost of each ASCII letter `a`..=`z` in each language of [`LANGUAGES`].\n")
        f.write(f"pub const ASCII: [[u8; 26]; {len(names)}] = [\n")
        for row in ascii_costs:
            f.write(f"    {row},\n")
        f.write("];\n")
    print(f"{len(rows)} letters, {len(vowels)} vowels, {len(names)} languages, capital cost {capital} -> {out}")


if __name__ == "__main__":
    main()
