#!/usr/bin/env bash
# Crash safety, longer than the default run of 'mvn verify' (issue 6, docs/RELIABILITY.md):
#   bench/crash.sh [CYCLES] [SEED]     (default 50 cycles, a fresh seed)
# Runs launcher's CrashSafetyIT: the server in its own JVM is killed with kill -9 at a seeded
# random moment of a mixed workload, restarted on the same data folder and audited, CYCLES
# times. Prints the harness's 'crash:' lines (seed, per-cycle counts, violations) and exits
# non-zero when any violation was found. Bounded by CYCLES (about 15-20 s a cycle on 2 cores).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export ISLA_CRASH_CYCLES="${1:-50}"
if [ -n "${2:-}" ]; then export ISLA_CRASH_SEED="$2"; fi
LOG=$(mktemp "${TMPDIR:-/tmp}/isla-crash.XXXXXX.log")
cd "$ROOT"
status=0
mvn -B -q -o -pl launcher -am test -Dtest=CrashSafetyIT -Dsurefire.failIfNoSpecifiedTests=false \
  >"$LOG" 2>&1 || status=$?
grep '^crash:' "$LOG" || true
[ "$status" -eq 0 ] || { grep -A20 'FAILURE\|violations (seed' "$LOG" | head -60; echo "full log: $LOG"; }
exit "$status"
