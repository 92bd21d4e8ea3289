#!/usr/bin/env bash
# make test: run make targets one after another, time each, stop at the first
# failure (KEEP_GOING=1 runs them all), and print a summary.
# Usage: tools/run-stages.sh STAGE...
set -euo pipefail

MAKE=${MAKE:-make}
keep_going=${KEEP_GOING:-0}
names=() results=() times=()
failed=0 passed=0

for stage in "$@"; do
    echo
    echo "===== make $stage ====="
    start=$(date +%s)
    rc=0
    "$MAKE" --no-print-directory "$stage" || rc=$?
    names+=("$stage")
    times+=("$(($(date +%s) - start))")
    if ((rc == 0)); then
        results+=(ok)
        passed=$((passed + 1))
    else
        results+=("FAILED (exit $rc)")
        failed=$((failed + 1))
        if [[ "$keep_going" != 1 ]]; then
            break
        fi
    fi
done

echo
echo "===== summary ====="
for i in "${!names[@]}"; do
    printf '  %-16s %5ss  %s\n' "${names[$i]}" "${times[$i]}" "${results[$i]}"
done
skipped=$(($# - ${#names[@]}))
if ((skipped > 0)); then
    echo "  (not run after the failure: ${*:${#names[@]}+1})"
fi
echo "stages: $passed passed, $failed failed"
((failed == 0))
