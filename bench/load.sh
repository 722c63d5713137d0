#!/usr/bin/env bash
# Bounded concurrent load on ARM and the registry together, against one started Isla:
#   bench/load.sh [CLIENTS] [SECONDS] [RUNS]      (defaults 200, 60, 3; or LOAD_CLIENTS,
#                                                  LOAD_SECONDS, LOAD_RUNS; needs no network)
# Starts a fresh instance (bin/isla start, temporary data folder), then runs the load driver
# (dev.isla.launcher.load.LoadDriver, launcher test sources) RUNS times on that one instance:
# each run creates its own resource group and registry through ARM, CLIENTS clients mix ARM
# writes/reads with registry pushes, pulls, ranges and cache-rule pulls for SECONDS, then every
# acknowledged write is verified. After each run, and a settle of LOAD_SETTLE seconds (default
# 5), the server's VmRSS and VmHWM are read from /proc/PID/status, then its live heap (jcmd
# GC.class_histogram, which runs a full GC first: a leak shows there). Prints a table; exits 1 when
# any run had an error or a lost write. Bounded: each driver run has a timeout; the instance is
# stopped and the folder removed on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CLIENTS=${1:-${LOAD_CLIENTS:-200}}
SECONDS_PER_RUN=${2:-${LOAD_SECONDS:-60}}
RUNS=${3:-${LOAD_RUNS:-3}}
SETTLE=${LOAD_SETTLE:-5}
source "$ROOT/bin/lib/java.sh"
export JAVA_HOME; JAVA_HOME=$(isla_java_home)
DATA=$(mktemp -d "${TMPDIR:-/tmp}/isla-load.XXXXXX")
cleanup() { "$ROOT/bin/isla" stop --data "$DATA" >/dev/null 2>&1 || true; rm -rf "$DATA"; }
trap cleanup EXIT

# The driver runs from the launcher's test classes; compiled siblings resolve to their classes.
if ! (cd "$ROOT" && mvn -B -q -o -pl launcher -am test-compile dependency:build-classpath \
  -DincludeScope=test -Dmdep.outputFile=target/load-classpath.txt > "$DATA/build.log" 2>&1); then
  cat "$DATA/build.log" >&2; exit 1
fi
CP="$ROOT/launcher/target/test-classes:$ROOT/launcher/target/classes:$(cat "$ROOT/launcher/target/load-classpath.txt")"

echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ); command: bench/load.sh $CLIENTS $SECONDS_PER_RUN $RUNS"
echo "machine: $(nproc) cores, loadavg before: $(cat /proc/loadavg)"
"$ROOT/bin/isla" start --data "$DATA" > "$DATA/start.log" 2>&1 || { cat "$DATA/start.log" >&2; exit 1; }
PID=$(sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p' "$DATA/isla.json")
kib() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$PID/status"; }
mib() { awk -v k="$1" 'BEGIN {printf "%.0f", k / 1024}'; }
sleep "$SETTLE"
live() { "$JAVA_HOME/bin/jcmd" "$PID" GC.class_histogram | awk '$1 == "Total" {printf "%.0f", $3 / 1048576}'; }
printf '%-5s %9s %8s %7s %6s %8s %10s %10s %10s\n' run ops ops/s errors lost checked "RSS MiB" "HWM MiB" "live MiB"
printf '%-5s %9s %8s %7s %6s %8s %10s %10s %10s\n' start - - - - - "$(mib "$(kib VmRSS)")" "$(mib "$(kib VmHWM)")" "$(live)"
FAILED=0
RSS=()
for i in $(seq 1 "$RUNS"); do
  LOG="$DATA/run$i.log"
  status=0
  timeout $((SECONDS_PER_RUN + 300)) "$JAVA_HOME/bin/java" -cp "$CP" dev.isla.launcher.load.LoadDriver \
    --data "$DATA" --clients "$CLIENTS" --seconds "$SECONDS_PER_RUN" --run "r$i$$" > "$LOG" 2>&1 || status=$?
  [ "$status" = 0 ] || FAILED=1
  [ -n "${LOAD_VERBOSE:-}" ] && cat "$LOG"
  sleep "$SETTLE"
  rss=$(kib VmRSS); hwm=$(kib VmHWM); RSS+=("$rss")
  result=$(grep '^RESULT ' "$LOG" || echo "RESULT none (driver exit $status)")
  field() { echo "$result" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
  printf '%-5s %9s %8s %7s %6s %8s %10s %10s %10s\n' "$i" "$(field ops)" "$(field opsPerSec)" \
    "$(field errors)" "$(field lost)" "$(field checked)" "$(mib "$rss")" "$(mib "$hwm")" "$(live)"
  if [ "$status" != 0 ]; then
    echo "run $i failed (exit $status); its errors:" >&2
    grep -E '^(ERROR|LOST) |Exception' "$LOG" | head -n 20 >&2 || tail -n 20 "$LOG" >&2
  fi
  LAST_LOG="$LOG"
done
echo "latencies of the last run:"
sed -n '/^kind /,/^total:/p' "$LAST_LOG"
if [ "$RUNS" -ge 2 ]; then
  n=${#RSS[@]}
  awk -v a="${RSS[$((n - 2))]}" -v b="${RSS[$((n - 1))]}" -v n="$n" \
    'BEGIN {printf "RSS growth from run %d to run %d: %+.1f%%\n", n - 1, n, (b - a) * 100 / a}'
fi
echo "loadavg after: $(cat /proc/loadavg)"
exit "$FAILED"
