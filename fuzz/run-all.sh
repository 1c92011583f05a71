#!/usr/bin/env bash
# Build the fuzz targets and run each for SECONDS: fuzz/run-all.sh SECONDS [TARGET...]
#
# CI runs it with 30 seconds a target. Needs the nightly toolchain and cargo-fuzz; without either
# it says so and exits 0 (the targets are skipped, nothing failed). One run at a time, one job:
# the machine is shared. Seeds the corpora first when fuzz/seed.sh has not been run. A crash
# makes the script exit 1 and leaves its input in fuzz/artifacts/TARGET/, except in the targets
# named in FUZZ_KNOWN_FAILING (space-separated: a known defect being fixed), whose crash is
# reported as known and fails nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:?usage: fuzz/run-all.sh SECONDS [TARGET...]}
shift
if ! cargo +nightly --version > /dev/null 2>&1 || ! cargo +nightly fuzz --version > /dev/null 2>&1; then
    echo "nightly toolchain not found: fuzz targets skipped"
    exit 0
fi
cd "$here"
if [ "$#" -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
else
    targets=("$@")
fi
[ -d corpus ] || ./seed.sh
# Safe Rust: no sanitizer, for several times the executions per second.
cargo +nightly fuzz build --sanitizer none
failed=()
known=()
for t in "${targets[@]}"; do
    echo "== fuzz $t for ${seconds}s"
    mkdir -p "corpus/$t"
    log="target/fuzz-$t.log"
    if cargo +nightly fuzz run --sanitizer none "$t" -- \
        -max_total_time="$seconds" -jobs=1 -print_final_stats=1 > "$log" 2>&1; then
        status=0
    else
        status=$?
    fi
    # With -jobs, libFuzzer's worker writes its own log: keep it after the run's.
    if [ -f fuzz-0.log ]; then
        cat fuzz-0.log >> "$log"
        rm -f fuzz-0.log
    fi
    if [ "$status" -eq 0 ]; then
        grep -E '^Done [0-9]+ runs' "$log" | tail -1 | sed "s/^/   $t: /" || true
    else
        if [[ " ${FUZZ_KNOWN_FAILING:-} " == *" $t "* ]]; then
            known+=("$t")
            echo -n "   $t: KNOWN FAILURE (FUZZ_KNOWN_FAILING)"
        else
            failed+=("$t")
            echo -n "   $t: FAILED"
        fi
        echo ", exit $status (input in fuzz/artifacts/$t/, log in fuzz/$log):"
        grep -E -m1 -A1 'panicked at' "$log" || true
        grep -E -m1 'Test unit written to' "$log" || true
    fi
done
if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzz: ${#failed[@]} of ${#targets[@]} targets failed: ${failed[*]}"
    exit 1
fi
if [ "${#known[@]}" -gt 0 ]; then
    echo "fuzz: ${#targets[@]} targets ran ${seconds}s each, known failures only: ${known[*]}"
else
    echo "fuzz: ${#targets[@]} targets ran ${seconds}s each, no crash"
fi
