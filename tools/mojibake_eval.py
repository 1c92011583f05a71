#!/usr/bin/env python3
"""The encoding family's development loop (issue 16): generate mojibake from correctly encoded
lines, then measure how much of it newslint's E103 repairs byte for byte, beside ftfy when it is
installed, and how often clean text (as written and upper-cased) draws an encoding finding.

usage: tools/mojibake_eval.py [--lines FILE] [--bin NEWSLINT] [--ftfy PYTHON] [--show N] [--keep DIR]

  --lines  JSONL with a `text` field per record (default: ../shared/devsets/multilingual/lines.jsonl)
  --bin    the newslint binary (default: target/release/newslint)
  --ftfy   a Python interpreter that can `import ftfy`, to print its figures beside ours
  --show   print N lines per code page that were not repaired exactly
  --keep   write the generated files into DIR instead of a temporary directory

Damage is generated, never stored: each line is encoded as UTF-8 and decoded with a legacy code page
once (`once`), twice (`twice`) or three times (`thrice`, Windows-1252 only), and `sloppy`: decoded
with Windows-1252 or -1250 where the bytes that code page leaves undefined pass through as C1
controls (what Latin-1 fallbacks do). A generated line counts only when every decoding step is
defined and the line changed. The same lines, clean and upper-cased, must draw no encoding warning.
"""
import collections, json, os, shutil, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# (label, Python codec) in the order the table prints.
CODE_PAGES = [
    ("windows-1252", "cp1252"),
    ("latin-1", "latin-1"),
    ("windows-1250", "cp1250"),
    ("iso-8859-2", "iso8859-2"),
    ("windows-1251", "cp1251"),
    ("windows-1257", "cp1257"),
    ("macroman", "mac_roman"),
    ("cp437", "cp437"),
    ("cp850", "cp850"),
    ("cp866", "cp866"),
    ("koi8-r", "koi8_r"),
    ("shift_jis", "shift_jis"),
    ("gbk", "gbk"),
]


def arg(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def sloppy(codec):
    """Decode with `codec`, undefined bytes passing through as the C1 control of the same value."""

    def dec(b):
        out = []
        for x in b:
            try:
                out.append(bytes([x]).decode(codec))
            except UnicodeDecodeError:
                out.append(chr(x))
        return "".join(out)

    return dec


def damage(text, codec, times):
    s = text
    for _ in range(times):
        s = s.encode("utf-8").decode(codec)
    return s


def generate(lines):
    """Yield (code page, mode, original, damaged)."""
    for text in lines:
        if text.isascii():
            continue
        for label, codec in CODE_PAGES:
            modes = [("once", 1), ("twice", 2)] + ([("thrice", 3)] if codec == "cp1252" else [])
            for mode, times in modes:
                try:
                    d = damage(text, codec, times)
                except UnicodeError:
                    continue
                if d != text:
                    yield label, mode, text, d
        for label, codec in (("windows-1252", "cp1252"), ("windows-1250", "cp1250")):
            d = sloppy(codec)(text.encode("utf-8"))
            try:
                text.encode("utf-8").decode(codec)
            except UnicodeDecodeError:
                yield label, "sloppy", text, d


def write_jsonl(path, texts):
    with open(path, "w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")


def read_jsonl(path):
    return [json.loads(l)["text"] for l in open(path, encoding="utf-8")]


def newslint_fix(binary, texts, work):
    path = os.path.join(work, "damaged.jsonl")
    write_jsonl(path, texts)
    subprocess.run(
        [binary, "check", path, "--isolated", "--select", "E103", "--fix", "--unsafe-fixes", "--format", "concise"],
        capture_output=True,
    )
    return read_jsonl(path)


def findings(binary, texts, work, name):
    path = os.path.join(work, name)
    write_jsonl(path, texts)
    out = subprocess.run(
        [binary, "check", path, "--isolated", "--select", "encoding", "--format", "json"],
        capture_output=True,
        text=True,
    )
    found = collections.Counter()
    lines = collections.defaultdict(list)
    for d in json.loads(out.stdout or "[]"):
        if d["severity"] in ("warning", "error"):
            found[d["code"]] += 1
            lines[d["line"]].append(d["code"])
    return found, lines


def ftfy_fix(python, texts, work):
    src = os.path.join(work, "ftfy-in.jsonl")
    dst = os.path.join(work, "ftfy-out.jsonl")
    write_jsonl(src, texts)
    prog = (
        "import ftfy, json, sys\n"
        "with open(sys.argv[2], 'w', encoding='utf-8') as o:\n"
        "    for l in open(sys.argv[1], encoding='utf-8'):\n"
        "        t = json.loads(l)['text']\n"
        "        o.write(json.dumps({'text': ftfy.fix_encoding(t)}, ensure_ascii=False) + '\\n')\n"
    )
    subprocess.run([python, "-c", prog, src, dst], check=True)
    return read_jsonl(dst)


def main():
    lines_path = arg("--lines", os.path.join(ROOT, "..", "shared", "devsets", "multilingual", "lines.jsonl"))
    binary = arg("--bin", os.path.join(ROOT, "target", "release", "newslint"))
    python = arg("--ftfy")
    show = int(arg("--show", "0"))
    keep = arg("--keep")
    work = keep or tempfile.mkdtemp(prefix="mojibake-eval-")
    os.makedirs(work, exist_ok=True)
    lines = read_jsonl(lines_path)
    cases = list(generate(lines))
    ours = newslint_fix(binary, [c[3] for c in cases], work)
    theirs = ftfy_fix(python, [c[3] for c in cases], work) if python else None
    table = collections.defaultdict(collections.Counter)
    bad = collections.defaultdict(list)
    for i, (cp, mode, orig, dmg) in enumerate(cases):
        key = (cp, mode)
        table[key]["n"] += 1
        table[key]["ours"] += ours[i] == orig
        if theirs is not None:
            table[key]["ftfy"] += theirs[i] == orig
            table[key]["ftfy_only"] += theirs[i] == orig and ours[i] != orig
        if ours[i] != orig:
            bad[key].append((dmg, ours[i], orig))
    print(f"{'code page':14s} {'mode':7s} {'lines':>6s} {'newslint':>9s}" + (f" {'ftfy':>7s} {'ftfy-only':>9s}" if theirs else ""))
    tot = collections.Counter()
    for (cp, mode), c in sorted(table.items(), key=lambda kv: ([l for l, _ in CODE_PAGES].index(kv[0][0]), kv[0][1])):
        tot.update(c)
        row = f"{cp:14s} {mode:7s} {c['n']:6d} {c['ours'] / c['n']:9.3f}"
        if theirs is not None:
            row += f" {c['ftfy'] / c['n']:7.3f} {c['ftfy_only']:9d}"
        print(row)
        for dmg, got, orig in bad[(cp, mode)][:show]:
            print(f"    damaged  {dmg[:110]!r}\n    got      {got[:110]!r}\n    expected {orig[:110]!r}")
    clean, clean_lines = findings(binary, lines, work, "clean.jsonl")
    upper, upper_lines = findings(binary, [l.upper() for l in lines], work, "upper.jsonl")
    for title, found, where, src in (("clean", clean, clean_lines, lines), ("upper-cased", upper, upper_lines, [l.upper() for l in lines])):
        print(f"{title} lines with an encoding warning: {len(where)} of {len(lines)} {dict(found)}")
        for no in sorted(where)[:show]:
            print(f"    {where[no]} {src[no - 1][:110]!r}")
    print(f"generated: repaired exactly {tot['ours']}/{tot['n']} ({tot['ours'] / max(tot['n'], 1):.3f})" + (f", ftfy {tot['ftfy']}/{tot['n']}" if theirs else ""))
    if not keep:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
