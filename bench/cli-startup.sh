#!/usr/bin/env bash
# Per-command latency of the project's az against a running Isla instance, next to the JVM
# hello-world floor and the Debian az (Python) on the same machine, in one hyperfine run.
#   bench/cli-startup.sh [RUNS]      (needs hyperfine; the Debian azure-cli is optional)
#   AZ_BASELINE=/other/checkout/bin/az bench/cli-startup.sh   also times another build's az on
#                                    the first command, in the same run (before/after figures)
# Bounded: RUNS runs per command (default 30), one local instance, stopped at the end.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${1:-30}
source "$ROOT/bin/lib/java.sh"
JAVA_HOME=$(isla_java_home)
DATA=$(mktemp -d); WORK=$(mktemp -d)
trap '"$ROOT/bin/isla" stop --data "$DATA" >/dev/null 2>&1; rm -rf "$DATA" "$WORK"' EXIT
"$ROOT/bin/isla" start --data "$DATA" >/dev/null
eval "$("$ROOT/bin/isla" env --data "$DATA")"
az group create -n bench-rg -l eastus -o none
"$JAVA_HOME/bin/javac" -d "$WORK" "$ROOT/bench/Hello.java"
az acr create -g bench-rg -n benchacr --sku Premium -o none
# Make sure the AOT cache exists before timing (bin/build normally trained it).
"$ROOT/bin/az" version -o none
CMDS=(
  "$JAVA_HOME/bin/java -Xshare:auto -XX:TieredStopAtLevel=1 -cp $WORK Hello"
  "$ROOT/bin/az group show -n bench-rg"
  "$ROOT/bin/az group show -n bench-rg --query location -o tsv"
  "$ROOT/bin/az feature show --namespace Microsoft.ContainerService --name NetworkIsolatedClusterPreview"
  "$ROOT/bin/az acr show -n benchacr -g bench-rg --query loginServer -o tsv"
  "$ROOT/bin/az group list -o table"
)
if [ -n "${AZ_BASELINE:-}" ]; then
  "$AZ_BASELINE" version -o none
  CMDS+=("$AZ_BASELINE group show -n bench-rg")
fi
if [ -x /usr/bin/az ]; then
  CMDS+=("env AZURE_CONFIG_DIR=$WORK/debian-az AZURE_CORE_COLLECT_TELEMETRY=false /usr/bin/az version -o json")
fi
echo "load before: $(uptime)"
hyperfine -N --warmup 3 --runs "$RUNS" --export-json "$WORK/result.json" "${CMDS[@]}" >&2
echo "load after: $(uptime)"
# Medians, as ratios to the JVM floor (first command) and to the Debian az (last, if present).
python3 - "$WORK/result.json" "$ROOT" "${AZ_BASELINE:-baseline}" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
floor = results[0]["median"]
debian = results[-1]["median"] if "/usr/bin/az" in results[-1]["command"] else None
print("| Command | Median [ms] | User+sys [ms] | x JVM floor | x Debian az |")
print("|:---|---:|---:|---:|---:|")
for r in results:
    cmd = r["command"].replace(sys.argv[3], "BASELINE/bin/az").replace(sys.argv[2] + "/", "")
    cmd = cmd.replace(sys.argv[1].rsplit("/", 1)[0], "$WORK")
    cpu = (r["user"] + r["system"]) * 1000
    vs_debian = f'{r["median"] / debian:.2f}' if debian else "-"
    print(f'| `{cmd}` | {r["median"] * 1000:.1f} | {cpu:.1f} | {r["median"] / floor:.2f} | {vs_debian} |')
PY
