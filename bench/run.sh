#!/usr/bin/env bash
# Throughput and peak-memory benchmark of the whole `newslint check` process.
#
#   bash bench/run.sh [SIZE_MB] [--jsonl FILE]
#
# Builds the release binary and examples, generates a deterministic synthetic corpus of about
# SIZE_MB megabytes (default 40) into target/bench-corpus-<SIZE_MB> unless it already exists,
# then times `newslint check <corpus> --format json > /dev/null` under /usr/bin/time with
# --threads 1, --threads 2 and the default thread count, REPEATS times each (default 3), and
# prints the best wall time, MB/s (input bytes / seconds / 1e6) and peak RSS (the largest max-RSS
# over the repeats) per setting, plus the speed-up of 2 threads over 1. It also prints the CPU
# time (user + sys) of the best run: on a busy machine, wall time near CPU time with 2 threads
# means the second core was not free, so read the speed-up together with the load average.
#
# With --jsonl FILE the input is that single file instead of the generated corpus.
#
# newslint exits 0 (clean) or 1 (findings) on success; only exit code 2 (or a crash) fails the
# bench. Nothing here asserts on timings: the numbers are printed for people to read.

set -euo pipefail

usage() {
    echo "usage: bash bench/run.sh [SIZE_MB] [--jsonl FILE]" >&2
    exit 2
}

SIZE=40
JSONL=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --jsonl)
            [[ $# -ge 2 ]] || usage
            JSONL="$2"
            shift 2
            ;;
        -h | --help) usage ;;
        *)
            [[ "$1" =~ ^[0-9]+$ && "$1" -gt 0 ]] || usage
            SIZE="$1"
            shift
            ;;
    esac
done
REPEATS="${REPEATS:-3}"

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TIME_BIN=/usr/bin/time
if [[ ! -x "$TIME_BIN" ]]; then
    echo "error: $TIME_BIN (GNU time) is required: apt-get install time" >&2
    exit 2
fi

echo "building (cargo build --release --examples --bins) ..." >&2
cargo build --release --examples --bins --quiet
BIN=target/release/newslint
GEN=target/release/examples/gen_corpus

if [[ -n "$JSONL" ]]; then
    if [[ ! -f "$JSONL" ]]; then
        echo "error: --jsonl: no such file: $JSONL" >&2
        exit 2
    fi
    INPUT="$JSONL"
    BYTES=$(stat -c %s "$INPUT")
    FILES=1
else
    INPUT="target/bench-corpus-$SIZE"
    if [[ ! -d "$INPUT" ]]; then
        # Generate into a scratch directory and rename, so an interrupted run leaves no
        # half-written corpus that a later run would mistake for a complete one.
        tmp="$INPUT.partial.$$"
        rm -rf "$tmp"
        trap 'rm -rf "$tmp"' EXIT
        "$GEN" "$tmp" "$SIZE" --seed 42
        mv "$tmp" "$INPUT"
        trap - EXIT
    fi
    read -r FILES BYTES < <(find "$INPUT" -type f -name '*.txt' -printf '%s\n' |
        awk '{ n++; b += $1 } END { printf "%d %d\n", n, b }')
fi

NPROC=$(nproc 2>/dev/null || echo "?")
echo
echo "input:   $INPUT"
awk -v b="$BYTES" -v f="$FILES" 'BEGIN { printf "corpus:  %.1f MB (%d bytes) in %d file%s\n", b / 1e6, b, f, (f == 1 ? "" : "s") }'
echo "binary:  $BIN ($("$BIN" --version 2>/dev/null || echo newslint))"
echo "cores:   $NPROC; load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo "runs:    best of $REPEATS per setting"
echo

TMPD=$(mktemp -d)
trap 'rm -rf "$TMPD"' EXIT

# run_once ARGS... -> leaves "SECONDS MAXRSS_KB USER_S SYS_S" in $TMPD/result; exits the bench
# on status >= 2.
run_once() {
    local rc=0
    "$TIME_BIN" -f '%e %M %U %S' -o "$TMPD/time" \
        "$BIN" check "$INPUT" --format json "$@" >/dev/null 2>"$TMPD/stderr" || rc=$?
    if [[ $rc -ne 0 && $rc -ne 1 ]]; then
        echo "error: newslint check $INPUT --format json $* exited with status $rc; its stderr:" >&2
        head -n 40 "$TMPD/stderr" >&2
        exit 2
    fi
    # On a non-zero exit GNU time writes "Command exited with non-zero status 1" first.
    tail -n 1 "$TMPD/time" >"$TMPD/result"
}

# bench LABEL ARGS... -> sets BEST (best wall time, s), BEST_CPU (user + sys of that run, s) and
# PEAK (largest max RSS over the runs, KB).
bench() {
    local label="$1"
    shift
    BEST=""
    BEST_CPU=""
    PEAK=0
    local i secs kb usr sys
    for ((i = 1; i <= REPEATS; i++)); do
        run_once "$@"
        read -r secs kb usr sys <"$TMPD/result"
        echo "  threads=$label run $i: ${secs}s wall, ${usr}s user + ${sys}s sys, ${kb} KB max RSS" >&2
        if [[ -z "$BEST" ]] || awk -v a="$secs" -v b="$BEST" 'BEGIN { exit !(a < b) }'; then
            BEST="$secs"
            BEST_CPU=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
        fi
        if ((kb > PEAK)); then
            PEAK=$kb
        fi
    done
}

# One untimed run first, so that no setting pays for reading the corpus into the page cache.
run_once
echo "  warm-up run done" >&2

ROWS=()
bench 1 --threads 1
T1=$BEST
ROWS+=("1 $BEST $BEST_CPU $PEAK")
bench 2 --threads 2
T2=$BEST
ROWS+=("2 $BEST $BEST_CPU $PEAK")
bench "default" # no --threads: one worker per core
ROWS+=("default($NPROC) $BEST $BEST_CPU $PEAK")

echo
printf '%-12s %9s %9s %14s %8s\n' threads seconds "MB/s" "peak RSS MiB" "CPU s"
for row in "${ROWS[@]}"; do
    read -r label secs cpu kb <<<"$row"
    awk -v l="$label" -v s="$secs" -v c="$cpu" -v k="$kb" -v b="$BYTES" 'BEGIN {
        mbs = (s > 0) ? sprintf("%.1f", b / s / 1e6) : "inf"
        printf "%-12s %9.2f %9s %14.1f %8.2f\n", l, s, mbs, k / 1024, c
    }'
done
awk -v a="$T1" -v b="$T2" 'BEGIN {
    if (b > 0) printf "\nspeed-up, 2 threads over 1: %.2fx\n", a / b
    else print "\nspeed-up, 2 threads over 1: n/a (run too short to time)"
}'
