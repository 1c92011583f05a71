#!/usr/bin/env python3
"""Write the names family's common-word guard: the English words and names common enough that
two of them differing by a transliteration-like edit are two names, not one spelled two ways
(`Allen` / `Allan`, `Waters` / `Watters`... when both are common; `Baker` / `Bakker`).

usage: tools/train_name_guard.py PYTHON_WITH_WORDFREQ [--out FILE]

  PYTHON_WITH_WORDFREQ  an interpreter that can `import wordfreq` (version 3.1.1; see
                        tools/train_letter_prior.py)
  --out                 default: src/rules/names/common_words.bin

The output is the sorted, deduplicated 32-bit FNV-1a hashes (little-endian) of every ASCII word
of five letters or more (letters, or letters around one apostrophe: `o'neill`) with an English
Zipf frequency of at least ZIPF in wordfreq (CC BY-SA 4.0, by Robyn Speer and contributors); only
the hashes are stored. Deterministic for a given wordfreq version. frequent_words.bin, beside it,
holds the words of three letters or more with a Zipf frequency of at least FREQUENT the same way.
"""
import os, struct, subprocess, sys, json

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ZIPF = 3.0
# Very common words (frequent_words.bin beside the output): a loose match with one is refused.
FREQUENT = 4.0
MIN_LETTERS = 5
# The very common words are listed from three letters: the parts of `South West` are two of them.
FREQUENT_MIN_LETTERS = 3

LIST = r"""
import json, re, sys, wordfreq
zipf, n = float(sys.argv[1]), int(sys.argv[2])
# Letters only, or letters around one apostrophe (the names `o'neil`, `o'neill`, `d'souza`).
shape = re.compile(r"[a-z]+('[a-z]+)?")
words = [w for w in wordfreq.get_frequency_dict("en", "best")
         if len(w) >= n and w.isascii() and shape.fullmatch(w)
         and wordfreq.zipf_frequency(w, "en") >= zipf]
json.dump(sorted(words), sys.stdout)
"""


def fnv32(s):
    h = 0x811C9DC5
    for b in s.encode():
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def main():
    if len(sys.argv) < 2 or sys.argv[1].startswith("--"):
        sys.exit(__doc__)
    out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else os.path.join(
        ROOT, "src", "rules", "names", "common_words.bin")
    words = json.loads(subprocess.run([sys.argv[1], "-c", LIST, str(ZIPF), str(MIN_LETTERS)],
                                      check=True, capture_output=True, text=True).stdout)
    frequent = json.loads(subprocess.run([sys.argv[1], "-c", LIST, str(FREQUENT), str(FREQUENT_MIN_LETTERS)],
                                         check=True, capture_output=True, text=True).stdout)
    for path, ws in ((out, words), (os.path.join(os.path.dirname(out), "frequent_words.bin"), frequent)):
        hashes = sorted({fnv32(w) for w in ws})
        with open(path, "wb") as f:
            for h in hashes:
                f.write(struct.pack("<I", h))
        print(f"{len(ws)} words, {len(hashes)} hashes -> {path}")


if __name__ == "__main__":
    main()
