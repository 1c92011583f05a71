#!/usr/bin/env bash
# Seed the fuzz corpora from the repository's fixtures: fuzz/seed.sh
#
# Copies fixtures into fuzz/corpus/TARGET/ (generated, git-ignored; libFuzzer adds what it finds
# there). The names index seeds are written by `newslint index` over fixture folders: set
# NEWSLINT to the path of a built binary, else `cargo run` of the root crate builds one.
# Safe to run again: existing corpus entries are kept.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
fixtures="$root/fixtures"
corpus="$here/corpus"

seed() { # seed TARGET FILE...
    local target=$1
    shift
    mkdir -p "$corpus/$target"
    for f in "$@"; do
        local name
        name=$(realpath --relative-to="$root" "$f" | tr '/' '_')
        cp "$f" "$corpus/$target/$name"
    done
}

# The binary that writes the names index and config template seeds.
if [ -n "${NEWSLINT:-}" ]; then
    newslint=("$(realpath "$NEWSLINT")")
else
    newslint=(cargo run --quiet --manifest-path "$root/Cargo.toml" --)
fi
texts=()
while IFS= read -r -d '' f; do texts+=("$f"); done \
    < <(find "$fixtures" -type f -name '*.txt' -print0 | sort -z)
seed decode "${texts[@]}"
seed lint "${texts[@]}"
seed fix "${texts[@]}"

# One record a file: the JSONL fixtures' lines.
mkdir -p "$corpus/jsonl"
while IFS= read -r -d '' f; do
    n=0
    while IFS= read -r line || [ -n "$line" ]; do
        n=$((n + 1))
        printf '%s\n' "$line" > "$corpus/jsonl/$(basename "$f").$n"
    done < "$f"
done < <(find "$fixtures" -type f -name '*.jsonl' -print0)

# Configs: the ```toml blocks of the README (configs and packs) and of the config docs.
toml_blocks() { # toml_blocks PREFIX FILE...: one file per block
    local prefix=$1
    shift
    sed 's|^//! \{0,1\}||' "$@" | awk -v p="$prefix" \
        '/^```toml$/ {n++; out = p "." n ".toml"; next} /^```$/ {out = ""} out {print > out}'
}
mkdir -p "$corpus/config" "$corpus/pack"
toml_blocks "$corpus/config/readme" "$root/README.md" "$root/src/config/mod.rs"
toml_blocks "$corpus/pack/readme" "$root/README.md"
seed pack "$root"/rules/*.toml
init=$(mktemp -d)
"${newslint[@]}" init "$init" > /dev/null && cp "$init/newslint.toml" "$corpus/config/init.toml" \
    || echo "seed.sh: no config template (newslint init failed)" >&2
rm -rf "$init"

# Names indexes of fixture folders.
mkdir -p "$corpus/names_index"
for dir in names-corpus names clean; do
    (cd "$root" && "${newslint[@]}" index "fixtures/$dir" -o "$corpus/names_index/$dir.idx") \
        || echo "seed.sh: no names index of fixtures/$dir (newslint index failed)" >&2
done
for t in "$corpus"/*/; do
    echo "$(basename "$t"): $(find "$t" -type f | wc -l) seeds"
done
